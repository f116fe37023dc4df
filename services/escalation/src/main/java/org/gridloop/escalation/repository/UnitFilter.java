package org.gridloop.escalation.repository;

import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.Kpi;
import org.gridloop.escalation.security.UnitScope;

import java.time.LocalDate;

/**
 * A unit and period to evaluate. An area unit (grid, community, street, district, city) is matched by code prefix,
 * a department (a non-numeric code such as {@code water}) by the cases and calls that concern it, within
 * {@code area}: the grid-code prefix of the caller's unit, so a district sees how a department served that district
 * and not the others ("" for the whole city).
 */
public record UnitFilter(String unit, boolean department, LocalDate from, LocalDate to, String area) {

    public UnitFilter {
        // written into the SQL as literals: digits only, a department's code in lower-case letters, digits and '-'
        if (!area.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("area must be a grid-code prefix");
        }
        if (department && !unit.matches("[a-z0-9-]{1,100}")) {
            throw new IllegalArgumentException("not a department code: " + unit);
        }
    }

    public static UnitFilter of(String unit, LocalDate from, LocalDate to) {
        return new UnitFilter(unit, !unit.chars().allMatch(Character::isDigit), from, to, "");
    }

    /** The same filter, limited to the cases of one area (a grid-code prefix). */
    public UnitFilter within(String areaPrefix) {
        return new UnitFilter(unit, department, from, to, areaPrefix);
    }

    public String level() {
        return department ? "DEPARTMENT" : UnitCodes.level(unit).name();
    }

    /**
     * The code prefix an area unit's rows are read under: its own, narrowed to {@code area} when that lies under it;
     * null when the two do not meet.
     */
    String scope() {
        String prefix = UnitScope.prefixOf(unit);
        if (area.isEmpty() || prefix.startsWith(area)) {
            return prefix;
        }
        return area.startsWith(prefix) ? area : null;
    }

    /**
     * {@code column LIKE '<prefix>%'} with the prefix written into the SQL, digits only: a bound pattern lets
     * PostgreSQL's generic plan of a prepared statement (used after a few executions — the repeated-places chore runs
     * the same statement for every street and district) ignore the prefix and read every row of the period by day
     * (measured at scale: a grid's 90 days 387 ms through the day index against 2 ms through the grid index).
     */
    static String under(String column, String prefix) {
        if (!prefix.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("a unit prefix is digits: " + prefix);
        }
        return column + " LIKE '" + prefix + "%'";
    }

    /**
     * The code length a department's figures within {@link #area} are read at from its roll-ups (V14): the street's,
     * the district's or the city's (the whole city for "": every city's rows at that length); -1 for a community's or
     * a grid's area (or any other length), read from the facts ({@link #where}).
     */
    static int departmentLevel(String area) {
        if (area.isEmpty()) {
            return Rollup.LEVELS[Rollup.LEVELS.length - 1];
        }
        return java.util.Arrays.stream(Rollup.DEPT_KPI.levels()).anyMatch(l -> l == area.length()) ? area.length()
                : -1;
    }

    /**
     * The WHERE clause for a department's rows of {@code source} (the table is aliased {@code c}; {@code :unit} is the
     * department). An area unit's rows are read from the roll-ups under {@link #scope()}.
     */
    String where(Kpi.Source source, String schema) {
        String period = " AND c.day BETWEEN :from AND :to"
                + (area.isEmpty() ? "" : " AND " + under("c.grid_code", area));
        return switch (source) {
            case CASES -> "c.request_id IN (SELECT d.request_id FROM " + schema
                    + ".dispatch_fact d WHERE d.department = :unit)" + period;
            case DISPATCHES, ESCALATIONS -> "c.department = :unit" + period;
        };
    }
}
