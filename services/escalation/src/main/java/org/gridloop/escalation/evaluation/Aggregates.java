package org.gridloop.escalation.evaluation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Keeps the per grid and day pre-aggregates of the evaluation ({@code kpi_day}, {@code cycle_day}) that area figures
 * and rankings are read from. Row triggers on the fact tables take a fact row's old contribution away and add its
 * new one, in the transaction that changed the fact, so the aggregates are never behind the facts. The triggers
 * are generated from {@link Kpi} and {@link CycleStage}, the one place the figures are defined; at startup the
 * generated SQL is compared with what the aggregates were built with, and when it differs the functions and
 * triggers are replaced and the tables rebuilt from the facts ({@code rebuild_evaluation_aggregates()}, which the
 * bulk path of the scale run calls too).
 *
 * <p>Cycle times are kept as histograms: log buckets 5 % wide, each with its count, its sum of seconds and its
 * largest value, so a percentile is read as the mean of the bucket it falls in (interpolated between neighbours
 * like {@code percentile_cont}): within 5 % of the exact value, and exact when a bucket holds equal values.
 */
@ApplicationScoped
public class Aggregates {

    private static final Logger LOG = Logger.getLogger(Aggregates.class);
    static final String NAME = "evaluation";
    /** Width of a cycle-time bucket: bucket b ≥ 1 holds [1.05^(b-1), 1.05^b) seconds; bucket 0 under a second. */
    static final double BUCKET_RATIO = 1.05;

    @ConfigProperty(name = "gridloop.schema")
    String schema;

    @Inject
    AgroalDataSource dataSource;

    void start(@Observes StartupEvent startup) {
        ensure();
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
                st.execute("SELECT pg_advisory_xact_lock(hashtext('" + schema + ".evaluation_aggregates'))");
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

    /** The statements that create the bucket function, the trigger functions, the triggers and the rebuild. */
    List<String> definition() {
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE OR REPLACE FUNCTION " + schema + ".cycle_bucket(secs double precision) RETURNS int "
                + "LANGUAGE sql IMMUTABLE AS $fn$ SELECT CASE WHEN secs < 1 THEN 0 ELSE 1 + floor(ln(secs) / ln("
                + BUCKET_RATIO + "))::int END $fn$");
        for (Kpi.Source source : Kpi.Source.values()) {
            String table = source.table();
            StringBuilder body = new StringBuilder("BEGIN\n").append(kpiDelta(source));
            if (source == Kpi.Source.CASES) {
                body.append(cycleDelta());
            }
            body.append("RETURN NULL;\nEND");
            String qualified = schema + "." + table;
            String function = qualified + "_aggregate()";
            ddl.add("CREATE OR REPLACE FUNCTION " + function + " RETURNS trigger LANGUAGE plpgsql AS $fn$\n" + body
                    + "\n$fn$");
            ddl.add("DROP TRIGGER IF EXISTS aggregate ON " + qualified);
            ddl.add("DROP TRIGGER IF EXISTS aggregate_update ON " + qualified);
            ddl.add("CREATE TRIGGER aggregate AFTER INSERT OR DELETE ON " + qualified + " FOR EACH ROW EXECUTE "
                    + "FUNCTION " + function);
            // most fact upserts leave the row as it was (the case's grid, recorded again with every event): those
            // cannot change a contribution, so they do not run the function
            ddl.add("CREATE TRIGGER aggregate_update AFTER UPDATE ON " + qualified + " FOR EACH ROW WHEN (OLD.* IS "
                    + "DISTINCT FROM NEW.*) EXECUTE FUNCTION " + function);
        }
        ddl.add("CREATE OR REPLACE FUNCTION " + schema + ".rebuild_evaluation_aggregates() RETURNS void "
                + "LANGUAGE plpgsql AS $fn$\nBEGIN\n" + rebuild() + "END\n$fn$");
        return ddl;
    }

    /** One row per figure of {@code source} for each fact row of {@code rows} (aliased c): its 0/1 contribution. */
    private static String kpiRows(Kpi.Source source, String rows) {
        String values = source.figures().stream().map(k -> "('" + k.name() + "', CASE WHEN " + k.numeratorPredicate()
                        + " THEN 1 ELSE 0 END, " + (k.isCount() ? "0" : "CASE WHEN " + k.denominatorPredicate()
                        + " THEN 1 ELSE 0 END") + ")")
                .collect(Collectors.joining(", "));
        return "SELECT c.grid_code, c.day, v.figure, v.n, v.d FROM " + rows + " c CROSS JOIN LATERAL (VALUES "
                + values + ") AS v(figure, n, d) WHERE c.grid_code IS NOT NULL AND c.day IS NOT NULL";
    }

    /** One row per stage each case of {@code rows} (aliased c) has been through, with its seconds. */
    private static String cycleRows(String rows) {
        String values = Arrays.stream(CycleStage.values())
                .map(s -> "('" + s.name() + "', (" + s.secondsSql() + ")::double precision)")
                .collect(Collectors.joining(", "));
        return "SELECT c.grid_code, c.day, v.stage, v.secs FROM " + rows + " c CROSS JOIN LATERAL (VALUES " + values
                + ") AS v(stage, secs) WHERE c.grid_code IS NOT NULL AND c.day IS NOT NULL AND v.secs IS NOT NULL";
    }

    /** The trigger's upsert of the figure rows: new contribution minus old, in key order (no deadlocks). */
    private String kpiDelta(Kpi.Source source) {
        return "INSERT INTO " + schema + ".kpi_day AS a (grid_code, day, figure, numerator, denominator)\n"
                + "SELECT grid_code, day, figure, sum(n), sum(d) FROM (\n"
                + "  SELECT o.grid_code, o.day, o.figure, -o.n AS n, -o.d AS d FROM (" + kpiRows(source,
                "(SELECT OLD.*)") + ") o WHERE TG_OP <> 'INSERT'\n"
                + "  UNION ALL\n"
                + "  SELECT w.grid_code, w.day, w.figure, w.n, w.d FROM (" + kpiRows(source, "(SELECT NEW.*)")
                + ") w WHERE TG_OP <> 'DELETE'\n"
                + ") x GROUP BY grid_code, day, figure HAVING sum(n) <> 0 OR sum(d) <> 0 ORDER BY 1, 2, 3\n"
                + "ON CONFLICT (grid_code, day, figure) DO UPDATE SET numerator = a.numerator + EXCLUDED.numerator, "
                + "denominator = a.denominator + EXCLUDED.denominator;\n";
    }

    /** The trigger's upsert of the cycle-time buckets. */
    private String cycleDelta() {
        return "INSERT INTO " + schema + ".cycle_day AS a (grid_code, day, stage, bucket, cases, seconds, "
                + "max_seconds)\n"
                + "SELECT grid_code, day, stage, " + schema + ".cycle_bucket(secs) AS bucket, sum(n), sum(n * secs), "
                + "max(secs) FILTER (WHERE n > 0) FROM (\n"
                + "  SELECT o.grid_code, o.day, o.stage, o.secs, -1 AS n FROM (" + cycleRows("(SELECT OLD.*)")
                + ") o WHERE TG_OP <> 'INSERT'\n"
                + "  UNION ALL\n"
                + "  SELECT w.grid_code, w.day, w.stage, w.secs, 1 AS n FROM (" + cycleRows("(SELECT NEW.*)")
                + ") w WHERE TG_OP <> 'DELETE'\n"
                + ") x GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0 OR sum(n * secs) <> 0 ORDER BY 1, 2, 3, 4\n"
                + "ON CONFLICT (grid_code, day, stage, bucket) DO UPDATE SET cases = a.cases + EXCLUDED.cases, "
                + "seconds = a.seconds + EXCLUDED.seconds, "
                + "max_seconds = GREATEST(a.max_seconds, EXCLUDED.max_seconds);\n";
    }

    /** The rebuild's body: both tables from the facts, the facts locked against writes meanwhile. */
    private String rebuild() {
        StringBuilder sql = new StringBuilder("LOCK TABLE " + Arrays.stream(Kpi.Source.values())
                .map(s -> schema + "." + s.table()).collect(Collectors.joining(", ")) + " IN SHARE MODE;\n");
        sql.append("DELETE FROM ").append(schema).append(".kpi_day;\n");
        sql.append("DELETE FROM ").append(schema).append(".cycle_day;\n");
        for (Kpi.Source source : Kpi.Source.values()) {
            sql.append("INSERT INTO ").append(schema).append(".kpi_day (grid_code, day, figure, numerator, "
                    + "denominator) SELECT grid_code, day, figure, sum(n), sum(d) FROM (").append(kpiRows(source,
                    schema + "." + source.table())).append(") x GROUP BY 1, 2, 3;\n");
        }
        sql.append("INSERT INTO ").append(schema).append(".cycle_day (grid_code, day, stage, bucket, cases, seconds, "
                + "max_seconds) SELECT grid_code, day, stage, ").append(schema).append(".cycle_bucket(secs), "
                + "count(*), sum(secs), max(secs) FROM (").append(cycleRows(schema + ".case_fact"))
                .append(") x GROUP BY 1, 2, 3, 4;\n");
        return sql.toString();
    }
}
