package org.gridloop.escalation.repository;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.gridloop.escalation.domain.CycleStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.escalation.domain.Kpi;
import org.gridloop.platform.background.Background;
import org.gridloop.platform.db.DatabaseConfig;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/**
 * Keeps the per grid and day pre-aggregates of the evaluation ({@code kpi_day}, {@code cycle_day}) that area figures
 * and rankings are read from, and the report counts per grid, day, category and source ({@code category_day}) that
 * the hotspots are read from. Statement-level triggers on the fact tables take the statement's net change — the
 * changed rows' old contributions out (transition table {@code old_rows}), their new ones in ({@code new_rows}),
 * summed per (grid, day, figure) and (grid, day, stage, bucket) — and add it to the aggregates in key order, in the
 * transaction that changed the facts: so the aggregates are never behind the facts, a batch that writes a fact
 * table with one statement touches each aggregate row once, and two batches wait for each other in the same order
 * instead of deadlocking. A trigger with transition tables may have one event only, hence three per fact table.
 *
 * <p>The same net change is appended, insert-only, to a delta table per aggregate ({@link Rollup}); a fold (every
 * 5 s by default, one instance at a time: a try-lock shared with the rebuild) moves the deltas into the roll-ups per unit
 * (community, street, district, city; a grid's months and years) and per day, month and year, one statement per
 * table in key order. The write path touches no row shared by grids — the roll-up rows of a district or the city
 * are written by the fold alone — and reads stay exact: they add the deltas not folded yet ({@link Spans}).
 *
 * <p>The triggers are generated from {@link Kpi} and {@link CycleStage}, the one place the figures are defined; at
 * startup the generated SQL is compared with what the aggregates were built with, and when it differs the
 * functions and triggers are replaced and the tables rebuilt from the facts ({@code rebuild_evaluation_aggregates()},
 * which the bulk path of the scale run calls too).
 *
 * <p>Cycle times are kept as histograms: log buckets 5 % wide, each with its count, its sum of seconds and its
 * largest value, so a percentile is read as the mean of the bucket it falls in (interpolated between neighbours
 * like {@code percentile_cont}): within 5 % of the exact value, and exact when a bucket holds equal values. The
 * seconds are summed as {@code numeric} (what {@code EXTRACT(EPOCH …)} gives), so a row whose stage did not change
 * cancels out exactly however many rows a statement changed.
 */
@ApplicationScoped
public class Aggregates {

    private static final Logger LOG = Logger.getLogger(Aggregates.class);
    static final String NAME = "evaluation";
    /** Width of a cycle-time bucket: bucket b ≥ 1 holds [1.05^(b-1), 1.05^b) seconds; bucket 0 under a second. */
    static final double BUCKET_RATIO = 1.05;

    /** The statement kinds a fact table has a trigger for, with the transition tables each may reference. */
    private enum Change {
        INSERT(null, "new_rows"), UPDATE("old_rows", "new_rows"), DELETE("old_rows", null);

        final String oldRows;
        final String newRows;

        Change(String oldRows, String newRows) {
            this.oldRows = oldRows;
            this.newRows = newRows;
        }

        String referencing() {
            return "REFERENCING " + (oldRows == null ? "" : "OLD TABLE AS " + oldRows + " ")
                    + (newRows == null ? "" : "NEW TABLE AS " + newRows + " ");
        }

        String suffix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String schema;
    private final AgroalDataSource dataSource;

    private final Duration foldEvery;
    private ScheduledExecutorService folding;

    Aggregates(DatabaseConfig database, AgroalDataSource dataSource,
               @ConfigProperty(name = "gridloop.evaluation.fold-every", defaultValue = "PT5S") Duration foldEvery) {
        this.schema = database.schema();
        this.dataSource = dataSource;
        this.foldEvery = foldEvery;
    }

    void start(@Observes StartupEvent startup) {
        ensure();
        folding = Background.every("evaluation-fold", foldEvery, foldEvery, () -> {
            try {
                fold();
            } catch (RuntimeException e) {
                LOG.warnf(e, "folding the evaluation deltas into the roll-ups failed; next try in %s", foldEvery);
            }
        });
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (folding != null) {
            folding.shutdownNow();
        }
    }

    /**
     * Moves the deltas the fact triggers appended into the roll-ups, in one transaction; false when another instance
     * is folding or the aggregates are being rebuilt (the same lock). Reads add the deltas not folded yet, so how
     * often this runs changes their cost, never their result.
     */
    public boolean fold() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT pg_try_advisory_xact_lock(" + lockKey() + ")")) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return false;
                    }
                }
                st.execute("SELECT " + schema + ".fold_evaluation_rollups()");
                return true;
            }
        });
    }

    /** Every table the aggregates are kept in: per base unit and day, deltas and roll-ups of each {@link Rollup}. */
    public static List<String> tables() {
        return Arrays.stream(Rollup.values()).flatMap(r -> java.util.stream.Stream.of(r.day(), r.delta(), r.rollup()))
                .toList();
    }

    private String lockKey() {
        return "hashtext('" + schema + ".evaluation_aggregates')";
    }

    /**
     * Brings functions, triggers and tables up to the current definitions; true when the tables were rebuilt.
     * Serialised across instances by an advisory lock; the rebuild locks the fact tables against writes.
     */
    public boolean ensure() {
        List<String> ddl = definition();
        String text = String.join(";\n", ddl);
        return QuarkusTransaction.requiringNew().timeout(3600).call(() -> {
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + lockKey() + ")");
                if (text.equals(stored(c))) {
                    return false;
                }
                long t0 = System.nanoTime();
                for (String statement : ddl) {
                    st.execute(statement);
                }
                st.execute("SELECT " + schema + ".rebuild_evaluation_aggregates()");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + ".aggregate_definition "
                        + "(name, definition, built_at) VALUES (?, ?, now()) ON CONFLICT (name) DO UPDATE SET "
                        + "definition = EXCLUDED.definition, built_at = EXCLUDED.built_at")) {
                    ps.setString(1, NAME);
                    ps.setString(2, text);
                    ps.executeUpdate();
                }
                LOG.infof("evaluation aggregates rebuilt from the facts in %d ms (their definition changed)",
                        (System.nanoTime() - t0) / 1_000_000);
                return true;
            }
        });
    }

    private String stored(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT definition FROM " + schema
                + ".aggregate_definition WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * The statements that create the bucket function, the trigger functions, the triggers and the rebuild (and drop
     * the row triggers of the earlier definition).
     */
    List<String> definition() {
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE OR REPLACE FUNCTION " + schema + ".cycle_bucket(secs double precision) RETURNS int "
                + "LANGUAGE sql IMMUTABLE AS $fn$ SELECT CASE WHEN secs < 1 THEN 0 ELSE 1 + floor(ln(secs) / ln("
                + BUCKET_RATIO + "))::int END $fn$");
        for (Kpi.Source source : Kpi.Source.values()) {
            String qualified = schema + "." + source.table();
            ddl.add("DROP TRIGGER IF EXISTS aggregate ON " + qualified);
            ddl.add("DROP TRIGGER IF EXISTS aggregate_update ON " + qualified);
            ddl.add("DROP FUNCTION IF EXISTS " + qualified + "_aggregate()");
            for (Change change : Change.values()) {
                String function = qualified + "_aggregate_" + change.suffix() + "()";
                StringBuilder body = new StringBuilder("BEGIN\n").append(kpiDelta(source, change))
                        .append(departmentKpiDelta(source, change));
                if (source == Kpi.Source.CASES) {
                    body.append(cycleDelta(change)).append(categoryDelta(change))
                            .append(departmentCycleDelta(change));
                }
                if (source == Kpi.Source.DISPATCHES && change != Change.UPDATE) {
                    body.append(pairsChanged(change));
                }
                body.append("RETURN NULL;\nEND");
                ddl.add("CREATE OR REPLACE FUNCTION " + function + " RETURNS trigger LANGUAGE plpgsql AS $fn$\n"
                        + body + "\n$fn$");
                ddl.add("DROP TRIGGER IF EXISTS aggregate_" + change.suffix() + " ON " + qualified);
                ddl.add("CREATE TRIGGER aggregate_" + change.suffix() + " AFTER " + change.name() + " ON " + qualified
                        + " " + change.referencing() + "FOR EACH STATEMENT EXECUTE FUNCTION " + function);
            }
        }
        ddl.add("CREATE OR REPLACE FUNCTION " + schema + ".fold_evaluation_rollups() RETURNS void "
                + "LANGUAGE plpgsql AS $fn$\nBEGIN\n" + Arrays.stream(Rollup.values()).map(this::fold)
                .collect(Collectors.joining()) + "END\n$fn$");
        ddl.add("CREATE OR REPLACE FUNCTION " + schema + ".rebuild_evaluation_aggregates() RETURNS void "
                + "LANGUAGE plpgsql AS $fn$\nBEGIN\n" + rebuild() + "END\n$fn$");
        return ddl;
    }

    /**
     * One row per figure of {@code source} for each fact row of {@code rows} (aliased c): its 0/1 contribution, per
     * grid and day — or, {@code byDepartment}, per street, day and the row's {@code department}.
     */
    private static String kpiRows(Kpi.Source source, String rows, boolean byDepartment) {
        return "SELECT " + unitOf(byDepartment) + ", c.day, v.figure, v.n, v.d FROM " + rows
                + " c CROSS JOIN LATERAL " + contributions(source) + " WHERE " + counted(byDepartment);
    }

    /**
     * {@code (VALUES (figure, n, d), …) AS v(figure, n, d)}: a fact row (aliased c) of {@code source}'s 0/1
     * contribution to each of its figures' numerator and denominator, to join laterally.
     */
    static String contributions(Kpi.Source source) {
        return "(VALUES " + source.figures().stream().map(k -> "('" + k.name() + "', CASE WHEN "
                        + k.numeratorPredicate() + " THEN 1 ELSE 0 END, " + (k.isCount() ? "0" : "CASE WHEN "
                        + k.denominatorPredicate() + " THEN 1 ELSE 0 END") + ")")
                .collect(Collectors.joining(", ")) + ") AS v(figure, n, d)";
    }

    /**
     * One row per stage each case of {@code rows} (aliased c) has been through, with its seconds (numeric); per grid
     * or, {@code byDepartment}, per street and the row's {@code department}.
     */
    private static String cycleRows(String rows, boolean byDepartment) {
        String values = Arrays.stream(CycleStage.values())
                .map(s -> "('" + s.name() + "', " + s.secondsSql() + ")")
                .collect(Collectors.joining(", "));
        return "SELECT " + unitOf(byDepartment) + ", c.day, v.stage, v.secs FROM " + rows
                + " c CROSS JOIN LATERAL (VALUES " + values + ") AS v(stage, secs) WHERE " + counted(byDepartment)
                + " AND v.secs IS NOT NULL";
    }

    /** The unit columns of a contribution row: the grid, or the street and the department. */
    private static String unitOf(boolean byDepartment) {
        return byDepartment ? "left(c.grid_code, " + Rollup.STREET + ") AS street_code, c.department"
                : "c.grid_code";
    }

    /** Which fact rows count: those with a grid (a street, for a department's: the area it is read in) and a day. */
    private static String counted(boolean byDepartment) {
        return byDepartment ? "length(c.grid_code) >= " + Rollup.STREET + " AND c.day IS NOT NULL "
                + "AND c.department IS NOT NULL" : "c.grid_code IS NOT NULL AND c.day IS NOT NULL";
    }

    /**
     * The case rows of {@code rows} once per department called to the case (any round): a department's CASES
     * figures and cycle times are those of the cases it was called to.
     */
    private String calledTo(String rows) {
        return "(SELECT x.*, p.department FROM " + rows + " x JOIN (SELECT DISTINCT request_id, department FROM "
                + schema + ".dispatch_fact WHERE request_id IN (SELECT request_id FROM " + rows + ")) p "
                + "ON p.request_id = x.request_id)";
    }

    /**
     * The changed rows' contributions, signed: {@code -} for the old rows, {@code +} for the new ones; {@code rows}
     * turns a transition table into contribution rows.
     */
    private static String signed(Change change, java.util.function.Function<String, String> rows, String columns,
                                 String negated, String sign) {
        return signed(change.oldRows, change.newRows, rows, columns, negated, sign);
    }

    /** The same over any row sets: {@code removed} (null: none) taken out, {@code added} (null: none) put in. */
    private static String signed(String removed, String added, java.util.function.Function<String, String> rows,
                                 String columns, String negated, String sign) {
        List<String> parts = new ArrayList<>();
        if (removed != null) {
            parts.add("  SELECT " + columns + ", " + negated + " FROM (" + rows.apply(removed) + ") o");
        }
        if (added != null) {
            parts.add("  SELECT " + columns + ", " + sign + " FROM (" + rows.apply(added) + ") o");
        }
        return String.join("\n  UNION ALL\n", parts);
    }

    /** The trigger's upsert of the figure rows: the statement's net change per key, in key order. */
    private String kpiDelta(Kpi.Source source, Change change) {
        return kept(Rollup.KPI, "SELECT grid_code, day, figure, sum(n) AS numerator, sum(d) AS denominator FROM (\n"
                + signed(change, rows -> kpiRows(source, rows, false), "o.grid_code, o.day, o.figure",
                "-o.n AS n, -o.d AS d", "o.n, o.d") + "\n"
                + ") x GROUP BY grid_code, day, figure HAVING sum(n) <> 0 OR sum(d) <> 0");
    }

    /**
     * The statement's net change ({@code grouped}: rows of grid_code, day, the keys and the values of {@code r}) added
     * to the per grid and day table in key order, and appended as it is to the delta table for the fold.
     */
    private String kept(Rollup r, String grouped) {
        String unit = r.unitColumn();
        String columns = unit + ", day, " + r.columns("");
        String delta = "INSERT INTO " + schema + "." + r.delta() + " (" + columns + ") SELECT " + columns
                + " FROM change;\n";
        if (r.foldsDays()) {
            // the day rows are the fold's (Rollup.foldsDays): nothing here another batch waits on
            return "WITH change AS (\n" + grouped + "\n)\n" + delta;
        }
        return "WITH change AS (\n" + grouped + "\n), kept AS (INSERT INTO " + schema + "." + r.day() + " AS a ("
                + columns + ") SELECT " + columns + " FROM change ORDER BY " + unit + ", day, " + r.keyList("")
                + "\nON CONFLICT (" + unit + ", day, " + r.keyList("") + ") DO UPDATE SET " + r.onConflict() + ")\n"
                + delta;
    }

    /** The trigger's upsert of the cycle-time buckets: the statement's net change per bucket, in key order. */
    private String cycleDelta(Change change) {
        return kept(Rollup.CYCLE, "SELECT grid_code, day, stage, " + schema + ".cycle_bucket(secs::double precision) "
                + "AS bucket, sum(n) AS cases, sum(n * secs) AS seconds, max(secs) FILTER (WHERE n > 0) AS max_seconds "
                + "FROM (\n" + signed(change, rows -> cycleRows(rows, false), "o.grid_code, o.day, o.stage, o.secs",
                "-1 AS n", "1 AS n") + "\n) x GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 OR sum(n * secs) <> 0");
    }

    /**
     * A department's figures changed by a statement on {@code source}'s facts: its calls' and escalations' own rows,
     * or the changed cases once per department called to them.
     */
    private String departmentKpiDelta(Kpi.Source source, Change change) {
        java.util.function.Function<String, String> rows = source == Kpi.Source.CASES
                ? t -> kpiRows(source, calledTo(t), true) : t -> kpiRows(source, t, true);
        return departmentKpi(signed(change, rows, "o.street_code, o.department, o.day, o.figure",
                "-o.n AS n, -o.d AS d", "o.n, o.d"));
    }

    private String departmentKpi(String contributions) {
        return kept(Rollup.DEPT_KPI, "SELECT street_code, day, department, figure, sum(n) AS numerator, sum(d) AS "
                + "denominator FROM (\n" + contributions + "\n) x GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 OR sum(d) <> 0");
    }

    /** The cycle times of the changed cases, once per department called to them. */
    private String departmentCycleDelta(Change change) {
        return departmentCycle(signed(change, t -> cycleRows(calledTo(t), true),
                "o.street_code, o.department, o.day, o.stage, o.secs", "-1 AS n", "1 AS n"));
    }

    private String departmentCycle(String contributions) {
        return kept(Rollup.DEPT_CYCLE, "SELECT street_code, day, department, stage, " + schema
                + ".cycle_bucket(secs::double precision) AS bucket, sum(n) AS cases, sum(n * secs) AS seconds, "
                + "max(secs) FILTER (WHERE n > 0) AS max_seconds FROM (\n" + contributions + "\n) x "
                + "GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0 OR sum(n * secs) <> 0");
    }

    /**
     * A department called to a case for the first time (its first call of any round) takes on the case's CASES
     * figures and cycle times as they stand; a department whose last call to a case is deleted gives them back. The
     * case's later changes reach it through the case_fact triggers ({@link #calledTo}). A batch's calls are written
     * before its cases, and batches sharing a case wait for each other (the read model locks the case files), so a
     * case's change and a new call of it never miss each other.
     */
    private String pairsChanged(Change change) {
        String pairs = change == Change.INSERT
                ? "SELECT DISTINCT n.request_id, n.department FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM "
                + schema + ".dispatch_fact f WHERE f.request_id = n.request_id AND f.department = n.department "
                + "AND f.round NOT IN (SELECT m.round FROM new_rows m WHERE m.request_id = n.request_id "
                + "AND m.department = n.department))"
                : "SELECT DISTINCT o.request_id, o.department FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM "
                + schema + ".dispatch_fact f WHERE f.request_id = o.request_id AND f.department = o.department)";
        String cases = "(SELECT x.*, p.department FROM " + schema + ".case_fact x JOIN (" + pairs + ") p "
                + "ON p.request_id = x.request_id)";
        String removed = change == Change.DELETE ? cases : null;
        String added = change == Change.INSERT ? cases : null;
        return departmentKpi(signed(removed, added, t -> kpiRows(Kpi.Source.CASES, t, true),
                "o.street_code, o.department, o.day, o.figure", "-o.n AS n, -o.d AS d", "o.n, o.d"))
                + departmentCycle(signed(removed, added, t -> cycleRows(t, true),
                "o.street_code, o.department, o.day, o.stage, o.secs", "-1 AS n", "1 AS n"));
    }

    /** One row per report of {@code rows} (aliased c) counted in the hotspots: rejected reports left out. */
    private static String categoryRows(String rows) {
        return "SELECT c.grid_code, c.day, c.category, c.source FROM " + rows + " c WHERE c.grid_code IS NOT NULL "
                + "AND c.day IS NOT NULL AND c.category IS NOT NULL AND c.source IS NOT NULL "
                + "AND c.outcome IS DISTINCT FROM 'REJECTED'";
    }

    /** The trigger's upsert of the report counts per grid, day, category and source (未诉先办's hotspots). */
    private String categoryDelta(Change change) {
        return kept(Rollup.CATEGORY, "SELECT grid_code, day, category, source, sum(n) AS cases FROM (\n"
                + signed(change, Aggregates::categoryRows, "o.grid_code, o.day, o.category, o.source", "-1 AS n",
                "1 AS n") + "\n) x GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0");
    }

    /**
     * The fold of one aggregate: its deltas (those committed when it starts; later ones wait for the next fold) taken
     * out and added to the roll-up rows of every unit above their grid — and the grid's own month and year — per day,
     * month and year, in key order.
     */
    private String fold(Rollup r) {
        String columns = r.columns("");
        String unit = r.unitColumn();
        String days = !r.foldsDays() ? "" : ", days AS (INSERT INTO " + schema + "." + r.day() + " AS a (" + unit
                + ", day, " + columns + ")\nSELECT d." + unit + ", d.day, " + r.keyList("d.") + ", "
                + r.aggregates("d.") + " FROM d GROUP BY 1, 2, " + positions(r, 3) + " ORDER BY 1, 2, "
                + positions(r, 3) + "\nON CONFLICT (" + unit + ", day, " + r.keyList("") + ") DO UPDATE SET "
                + r.onConflict() + ")";
        return "WITH d AS (DELETE FROM " + schema + "." + r.delta() + " RETURNING " + unit + ", day, " + columns + ")"
                + days + "\n"
                + "INSERT INTO " + schema + "." + r.rollup() + " AS a (unit, grain, start, " + columns + ")\n"
                + "SELECT left(d." + unit + ", l.len), l.grain, date_trunc(l.field, d.day)::date, " + r.keyList("d.")
                + ", " + r.aggregates("d.") + "\nFROM d CROSS JOIN (VALUES " + rolled(r) + ") AS l(len, grain, field)\n"
                + "WHERE length(d." + unit + ") >= l.len\n"
                + "GROUP BY 1, 2, 3, " + keyPositions(r) + " ORDER BY 1, 2, 3, " + keyPositions(r) + "\n"
                + "ON CONFLICT (unit, grain, start, " + r.keyList("") + ") DO UPDATE SET " + r.onConflict() + ";\n";
    }

    /**
     * The (code length, grain, date_trunc field) of every roll-up row kind {@code r} keeps ({@link Rollup#rolls}), as
     * SQL VALUES rows.
     */
    private static String rolled(Rollup r) {
        List<String> kinds = new ArrayList<>();
        for (int len : r.levels()) {
            for (String[] grain : new String[][]{{"D", "day"}, {"M", "month"}, {"Y", "year"}}) {
                if (r.rolls(len, grain[0].charAt(0))) {
                    kinds.add("(" + len + ", '" + grain[0] + "', '" + grain[1] + "')");
                }
            }
        }
        return String.join(", ", kinds);
    }

    /** The positions of the keys in a SELECT of unit, grain, start, keys…: 4, 5, … */
    private static String keyPositions(Rollup r) {
        return positions(r, 4);
    }

    /** The positions of the keys in a SELECT whose first key is at {@code first}. */
    private static String positions(Rollup r, int first) {
        return java.util.stream.IntStream.range(0, r.keys.size()).mapToObj(i -> String.valueOf(first + i))
                .collect(Collectors.joining(", "));
    }

    /**
     * The roll-ups rebuilt from the per base unit and day tables: the days of the units above the base that have day
     * rows (one pass per level), the months of the others and of the base units from the day table, the months of
     * those with days from their days, the years from the months.
     */
    private String rebuildRollups(Rollup r) {
        StringBuilder sql = new StringBuilder();
        sql.append("DELETE FROM ").append(schema).append(".").append(r.delta()).append(";\n");
        sql.append("DELETE FROM ").append(schema).append(".").append(r.rollup()).append(";\n");
        for (int len : r.levels()) {
            String unit = "left(" + r.unitColumn() + ", " + len + ")";
            String under = "length(" + r.unitColumn() + ") >= " + len;
            if (r.rolls(len, 'D')) {
                sql.append(rollUp(r, unit, 'D', "day", r.day(), under));
            } else if (r.rolls(len, 'M')) {
                // no day rows to add up: the months straight from the day table
                sql.append(rollUp(r, unit, 'M', "date_trunc('month', day)::date", r.day(), under));
            }
        }
        if (Arrays.stream(r.levels()).anyMatch(len -> r.rolls(len, 'D'))) {
            // the months of the units with day rows
            sql.append(rollUp(r, "unit", 'M', "date_trunc('month', start)::date", r.rollup(), "grain = 'D'"));
        }
        sql.append(rollUp(r, "unit", 'Y', "date_trunc('year', start)::date", r.rollup(), "grain = 'M'"));
        return sql.toString();
    }

    /** One statement of the rebuild: rows of {@code grain} summed from {@code table}'s rows matching {@code where}. */
    private String rollUp(Rollup r, String unit, char grain, String start, String table, String where) {
        return "INSERT INTO " + schema + "." + r.rollup() + " (unit, grain, start, " + r.columns("") + ") SELECT "
                + unit + ", '" + grain + "', " + start + ", " + r.keyList("") + ", " + r.aggregates("") + " FROM "
                + schema + "." + table + " WHERE " + where + " GROUP BY 1, 3, " + keyPositions(r) + ";\n";
    }

    /** The rebuild's body: both tables from the facts, the facts locked against writes meanwhile. */
    private String rebuild() {
        StringBuilder sql = new StringBuilder("PERFORM pg_advisory_xact_lock(" + lockKey() + ");\n");
        sql.append("LOCK TABLE " + Arrays.stream(Kpi.Source.values())
                .map(s -> schema + "." + s.table()).collect(Collectors.joining(", ")) + " IN SHARE MODE;\n");
        sql.append("DELETE FROM ").append(schema).append(".kpi_day;\n");
        sql.append("DELETE FROM ").append(schema).append(".cycle_day;\n");
        sql.append("DELETE FROM ").append(schema).append(".category_day;\n");
        sql.append("DELETE FROM ").append(schema).append(".dept_kpi_day;\n");
        sql.append("DELETE FROM ").append(schema).append(".dept_cycle_day;\n");
        // every case once per department called to it
        String called = "(SELECT x.*, p.department FROM " + schema + ".case_fact x JOIN (SELECT DISTINCT request_id, "
                + "department FROM " + schema + ".dispatch_fact) p ON p.request_id = x.request_id)";
        for (Kpi.Source source : Kpi.Source.values()) {
            sql.append("INSERT INTO ").append(schema).append(".kpi_day (grid_code, day, figure, numerator, "
                    + "denominator) SELECT grid_code, day, figure, sum(n), sum(d) FROM (").append(kpiRows(source,
                    schema + "." + source.table(), false)).append(") x GROUP BY 1, 2, 3;\n");
            sql.append("INSERT INTO ").append(schema).append(".dept_kpi_day (street_code, day, department, figure, "
                    + "numerator, denominator) SELECT street_code, day, department, figure, sum(n), sum(d) FROM (")
                    .append(kpiRows(source, source == Kpi.Source.CASES ? called : schema + "." + source.table(), true))
                    .append(") x GROUP BY 1, 2, 3, 4;\n");
        }
        sql.append("INSERT INTO ").append(schema).append(".cycle_day (grid_code, day, stage, bucket, cases, seconds, "
                + "max_seconds) SELECT grid_code, day, stage, ").append(schema).append(".cycle_bucket(secs::double "
                + "precision), count(*), sum(secs), max(secs) FROM (").append(cycleRows(schema + ".case_fact", false))
                .append(") x GROUP BY 1, 2, 3, 4;\n");
        sql.append("INSERT INTO ").append(schema).append(".dept_cycle_day (street_code, day, department, stage, "
                + "bucket, cases, seconds, max_seconds) SELECT street_code, day, department, stage, ").append(schema)
                .append(".cycle_bucket(secs::double precision), count(*), sum(secs), max(secs) FROM (")
                .append(cycleRows(called, true)).append(") x GROUP BY 1, 2, 3, 4, 5;\n");
        sql.append("INSERT INTO ").append(schema).append(".category_day (grid_code, day, category, source, cases) "
                + "SELECT grid_code, day, category, source, count(*) FROM (").append(categoryRows(schema
                + ".case_fact")).append(") x GROUP BY 1, 2, 3, 4;\n");
        for (Rollup r : Rollup.values()) {
            sql.append(rebuildRollups(r));
        }
        return sql.toString();
    }
}
