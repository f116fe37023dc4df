package org.gridloop.escalation.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One evaluation aggregate and its roll-ups (V12): the per grid and day table the fact triggers keep, the insert-only
 * delta table the same triggers append their net change to, and the per unit and period table the fold moves the
 * deltas into. Each is described by its key columns (after the grid and the day) and its value columns: summed, or
 * the largest seen ({@code max}: a histogram bucket's longest time, which a removal does not lower).
 */
enum Rollup {
    /** Figures: days of every unit above a grid (periods with edge days), months and years of grids (rankings). */
    KPI("kpi", List.of("figure"), List.of("numerator", "denominator"), null, true, true),
    /**
     * Cycle-time histograms: months and years of the units above a grid only. A histogram has a row per bucket
     * (hundreds per unit and period), so days and grids would add as many rows again as the day table holds; a
     * grid's periods and the edge days of a period are read from the day table.
     */
    CYCLE("cycle", List.of("stage", "bucket"), List.of("cases", "seconds"), "max_seconds", false, false),
    /** Report counts: like the figures (the hotspots list grids). */
    CATEGORY("category", List.of("category", "source"), List.of("cases"), null, true, true);

    /** The code lengths of the units rolled up: grid, community, street, district, city (its first four digits). */
    static final int[] LEVELS = {15, 12, 9, 6, 4};
    static final int GRID = 15;

    private final String name;
    final List<String> keys;
    final List<String> sums;
    final String max;
    /** Whether the units above a grid have day rows. */
    final boolean days;
    /** Whether grids have month and year rows. */
    final boolean grids;

    Rollup(String name, List<String> keys, List<String> sums, String max, boolean days, boolean grids) {
        this.name = name;
        this.keys = keys;
        this.sums = sums;
        this.max = max;
        this.days = days;
        this.grids = grids;
    }

    /** Whether units of code length {@code length} have roll-up rows of {@code grain} ('D', 'M' or 'Y'). */
    boolean rolls(int length, char grain) {
        return length < GRID ? grain != 'D' || days : grids && grain != 'D';
    }

    String day() {
        return name + "_day";
    }

    String delta() {
        return name + "_delta";
    }

    String rollup() {
        return name + "_rollup";
    }

    /** The value columns, in table order. */
    List<String> valueColumns() {
        List<String> all = new ArrayList<>(sums);
        if (max != null) {
            all.add(max);
        }
        return all;
    }

    /** The keys then the values, comma-separated, each prefixed with {@code alias}. */
    String columns(String alias) {
        return Stream.concat(keys.stream(), valueColumns().stream()).map(c -> alias + c).collect(Collectors.joining(", "));
    }

    String keyList(String alias) {
        return keys.stream().map(c -> alias + c).collect(Collectors.joining(", "));
    }

    /** The values aggregated over rows aliased {@code alias}: sums summed, the max the greatest. */
    String aggregates(String alias) {
        List<String> all = new ArrayList<>();
        sums.forEach(c -> all.add("sum(" + alias + c + ") AS " + c));
        if (max != null) {
            all.add("max(" + alias + max + ") AS " + max);
        }
        return String.join(", ", all);
    }

    /** The upsert's SET clause: sums added, the max kept the greater (table aliased a). */
    String onConflict() {
        List<String> set = new ArrayList<>();
        sums.forEach(c -> set.add(c + " = a." + c + " + EXCLUDED." + c));
        if (max != null) {
            set.add(max + " = GREATEST(a." + max + ", EXCLUDED." + max + ")");
        }
        return String.join(", ", set);
    }
}
