package org.gridloop.escalation.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One evaluation aggregate and its roll-ups (V12, V14): the per base unit and day table the fact triggers keep (the
 * base unit is the grid for the area aggregates, the street for the departments' ones), the insert-only delta table
 * the same triggers append their net change to, and the per unit and period table the fold moves the deltas into.
 * Each is described by its key columns (after the base unit and the day) and its value columns: summed, or the
 * largest seen ({@code max}: a histogram bucket's longest time, which a removal does not lower).
 */
enum Rollup {
    /** Figures: days of every unit above a grid (periods with edge days), months and years of grids (rankings). */
    KPI("kpi", List.of("figure"), List.of("numerator", "denominator"), null, 12, true),
    /**
     * Cycle-time histograms: months and years of the units above a grid, days of the districts and the city only. A
     * histogram has a row per bucket (hundreds per unit and period), so days of communities and streets, and grids'
     * months, would add nearly as many rows again as the day table holds; a grid's periods, and the edge days of a
     * community's or a street's period, are read from the day table (its grids' days: at most a few hundred rows a
     * day), a district's or the city's edge days from their own day rows.
     */
    CYCLE("cycle", List.of("stage", "bucket"), List.of("cases", "seconds"), "max_seconds", 6, false),
    /** Report counts: like the figures (the hotspots list grids). */
    CATEGORY("category", List.of("category", "source"), List.of("cases"), null, 12, true),
    /**
     * A department's figures over the cases, calls and escalations of an area ({@code Kpi}: the CASES figures over
     * the cases it was called to, its own calls' and escalations' figures), per street and day: a department is read
     * within a street, a district or the city (a community's or a grid's calls are few: read from the facts). Days
     * of districts and the city, months and years of every level.
     */
    DEPT_KPI("dept_kpi", List.of("department", "figure"), List.of("numerator", "denominator"), null, 6, true,
            Rollup.STREET),
    /**
     * A department's cycle-time histograms over the cases it was called to: streets' days (a street's month or year
     * is read from them: a department's rows of one street, at most a few hundred a day), months and years of the
     * districts and the city.
     */
    DEPT_CYCLE("dept_cycle", List.of("department", "stage", "bucket"), List.of("cases", "seconds"), "max_seconds",
            0, false, Rollup.STREET);

    /** The code lengths of the units rolled up: grid, community, street, district, city (its first four digits). */
    static final int[] LEVELS = {15, 12, 9, 6, 4};
    static final int GRID = 15;
    static final int STREET = 9;

    private final String name;
    final List<String> keys;
    final List<String> sums;
    final String max;
    /** The longest code of the units above the base that have day rows (0: none). */
    final int daysUpTo;
    /** Whether the base units (grids; streets for a department) have month and year rows. */
    final boolean grids;
    /** The code length of the day table's units: a grid's (15) or a street's (9). */
    final int base;

    Rollup(String name, List<String> keys, List<String> sums, String max, int daysUpTo, boolean grids) {
        this(name, keys, sums, max, daysUpTo, grids, GRID);
    }

    Rollup(String name, List<String> keys, List<String> sums, String max, int daysUpTo, boolean grids, int base) {
        this.name = name;
        this.keys = keys;
        this.sums = sums;
        this.max = max;
        this.daysUpTo = daysUpTo;
        this.grids = grids;
        this.base = base;
    }

    /** Whether units of code length {@code length} have roll-up rows of {@code grain} ('D', 'M' or 'Y'). */
    boolean rolls(int length, char grain) {
        return length < base ? grain != 'D' || length <= daysUpTo : grids && grain != 'D';
    }

    /** The code lengths this aggregate has units of: its base unit's and those above. */
    int[] levels() {
        return java.util.Arrays.stream(LEVELS).filter(l -> l <= base).toArray();
    }

    /** The day and delta tables' unit column: {@code grid_code}, or {@code street_code} for a department's. */
    String unitColumn() {
        return base == GRID ? "grid_code" : "street_code";
    }

    /** Whether the first key is the department (the aggregates of a department within an area). */
    boolean byDepartment() {
        return keys.get(0).equals("department");
    }

    /**
     * Whether the fold keeps the day table too, the triggers only appending deltas: a department's rows per street
     * and day gather the calls of fifty grids (hot rows if every batch upserted them), so its day rows are written by
     * the fold alone and reads add the deltas of every day they cover.
     */
    boolean foldsDays() {
        return byDepartment();
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
