package org.gridloop.escalation.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a period is read from the roll-ups ({@link Rollup}): split into whole years, whole months and the days at its
 * edges, each span read from the coarsest rows that cover it exactly — so a month is one row per figure and all time
 * a row per figure and year, whatever the unit — plus the deltas the fold has not moved yet (exact at any moment).
 */
final class Spans {

    /** Consecutive periods of one grain: the rows whose start lies in first..last. */
    record Range(char grain, LocalDate first, LocalDate last) {

        /** The last day the range covers. */
        LocalDate end() {
            return switch (grain) {
                case 'Y' -> last.plusYears(1).minusDays(1);
                case 'M' -> last.plusMonths(1).minusDays(1);
                default -> last;
            };
        }
    }

    private Spans() {
    }

    /**
     * The ranges covering {@code from..to} exactly, using grains no coarser than {@code coarsest} ('Y', 'M' or 'D'):
     * at most a range of days, of months, of years, of months and of days, in that order.
     */
    static List<Range> of(LocalDate from, LocalDate to, char coarsest) {
        List<Range> ranges = new ArrayList<>();
        LocalDate at = from;
        while (!at.isAfter(to)) {
            char grain;
            LocalDate next;
            if (coarsest == 'Y' && at.getDayOfYear() == 1 && !at.plusYears(1).minusDays(1).isAfter(to)) {
                grain = 'Y';
                next = at.plusYears(1);
            } else if (coarsest != 'D' && at.getDayOfMonth() == 1 && !at.plusMonths(1).minusDays(1).isAfter(to)) {
                grain = 'M';
                next = at.plusMonths(1);
            } else {
                grain = 'D';
                next = at.plusDays(1);
            }
            Range last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last.grain() == grain) {
                ranges.set(ranges.size() - 1, new Range(grain, last.first(), at));
            } else {
                ranges.add(new Range(grain, at, at));
            }
            at = next;
        }
        return ranges;
    }

    /**
     * A query of the rows of {@code r} — columns {@code u} (the unit: the first {@code length} digits of the base
     * unit's code), {@code day} (the first day of the row's period), then the aggregate's keys and values — whose sums are,
     * per unit of code length {@code length} under {@code scope} (digits; "" for the whole city), the aggregate over
     * {@code from..to}: roll-up rows for the spans the aggregate rolls up for that level ({@link Rollup#rolls}) with
     * the deltas of those days not folded yet, and the per base unit and day table for the rest (its days, exact).
     */
    static String rows(Rollup r, String schema, String scope, int length, LocalDate from, LocalDate to,
                       char coarsest) {
        if (!scope.chars().allMatch(Character::isDigit) || scope.length() > length || length > r.base) {
            throw new IllegalArgumentException("scope must be digits no longer than the units, the units no longer "
                    + "than the aggregate's base unit: " + scope + ", " + length);
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("an empty period: " + from + " to " + to);
        }
        List<Range> ranges = of(from, to, coarsest);
        String columns = r.columns("");
        List<String> parts = new ArrayList<>();
        List<Range> rolled = ranges.stream().filter(x -> r.rolls(length, x.grain())).toList();
        if (!rolled.isEmpty()) {
            parts.add("SELECT unit AS u, start AS day, " + columns + " FROM " + schema + "." + r.rollup() + " WHERE "
                    + unit(r, "unit", scope, length, true) + " AND (" + rolled.stream().map(x -> "(grain = '" + x.grain()
                    + "' AND start BETWEEN '" + x.first() + "' AND '" + x.last() + "')")
                    .collect(Collectors.joining(" OR ")) + ")");
            // the days the roll-ups cover and the fold has not reached yet
            parts.add("SELECT left(" + r.unitColumn() + ", " + length + ") AS u, day, " + columns + " FROM " + schema
                    + "." + r.delta() + " WHERE " + unit(r, r.unitColumn(), scope, length, false) + " AND ("
                    + days(rolled) + ")");
        }
        List<Range> unrolled = ranges.stream().filter(x -> !r.rolls(length, x.grain())).toList();
        if (!unrolled.isEmpty() && r.foldsDays()) {
            // day rows the fold keeps: the days it has not reached yet
            parts.add("SELECT left(" + r.unitColumn() + ", " + length + ") AS u, day, " + columns + " FROM " + schema
                    + "." + r.delta() + " WHERE " + unit(r, r.unitColumn(), scope, length, false) + " AND ("
                    + days(unrolled) + ")");
        }
        if (!unrolled.isEmpty()) {
            // a base unit's days (exact: the triggers keep them), or periods the aggregate has no roll-up rows for
            parts.add("SELECT left(" + r.unitColumn() + ", " + length + ") AS u, day, " + columns + " FROM " + schema
                    + "." + r.day() + " WHERE " + unit(r, r.unitColumn(), scope, length, false) + " AND ("
                    + days(unrolled) + ")");
        }
        return String.join("\nUNION ALL\n", parts);
    }

    /** The days the ranges cover, as SQL over a {@code day} column. */
    private static String days(List<Range> ranges) {
        return ranges.stream().map(x -> "day BETWEEN '" + x.first() + "' AND '" + x.end() + "'")
                .collect(Collectors.joining(" OR "));
    }

    /**
     * The rows of the units of code length {@code length} under {@code scope}: roll-up rows of exactly that length;
     * base-unit rows (a grid's or a street's code) at least that long (the unit is their first {@code length} digits).
     */
    private static String unit(Rollup r, String column, String scope, int length, boolean rollupRows) {
        if (scope.length() == length && (rollupRows || length == r.base)) {
            return column + " = '" + scope + "'";
        }
        return column + " LIKE '" + scope + "%' AND length(" + column + ") " + (rollupRows ? "=" : ">=") + " "
                + length;
    }
}
