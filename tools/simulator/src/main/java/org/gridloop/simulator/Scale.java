package org.gridloop.simulator;

import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CaseOutcome;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scale run. BULK PATH, not the write path: N closed cases are generated straight into escalation's read-model
 * tables (case_file, case_fact, dispatch_fact, timeline_entry) with INSERT ... SELECT generate_series, in chunks of
 * a million cases per statement; 1 case in 1000 is left open and overdue so the overdue list has rows. The generator
 * reads the tables' columns at run time and fills only the columns it knows (plus a neutral value for any other NOT
 * NULL column without a default), so it survives the schema growing. The facts' triggers are off during the load;
 * the per grid and day evaluation aggregates and their roll-ups per unit and period are rebuilt from the facts afterwards, in one pass by the SQL function
 * the escalation service keeps for that ({@code rebuild_evaluation_aggregates()}). Then the KPI, overdue-list and
 * timeline endpoints are timed over HTTP, and EXPLAIN ANALYZE of the equivalent SQL is saved.
 */
final class Scale {

    static final String SCHEMA = "escalation";
    static final String[] GRIDS = City.GRIDS.stream().map(City.Grid::code).toArray(String[]::new);

    record Timing(String name, String request, int status, double firstMs, double medianMs, double maxMs) {
    }

    /**
     * The city generated: {@code grids} 0 for the demo city's own grids, else that many synthetic grid codes in
     * district 110105 (50 per street, 5 per community); cases spread over {@code days} days from 2025-01-01, each
     * with {@code timelinePerCase} timeline entries.
     */
    record Shape(int grids, int days, int timelinePerCase) {
        static final Shape DEMO = new Shape(0, 365, 8);
    }

    private final Connection db;
    private final long cases;
    private final int timelinePerCase;
    private final Path results;
    private final Shape shape;

    Scale(Connection db, long cases, int timelinePerCase, Path results, Shape shape) {
        this.db = db;
        this.cases = cases;
        this.timelinePerCase = timelinePerCase;
        this.results = results;
        this.shape = shape;
    }

    /** Case g's grid code as SQL. */
    private String gridCode() {
        String i = gridIndex();
        if (shape.grids() <= 0) {
            return array(GRIDS) + "[1 + " + i + "]";
        }
        return "'110105' || lpad((" + i + " / 50 + 1)::text, 3, '0') || lpad(((" + i + " / 5) % 10 + 1)::text, 3, '0')"
                + " || lpad((" + i + " % 5 + 1)::text, 3, '0')";
    }

    /** How many grids the cases are spread over. */
    private int gridCount() {
        return shape.grids() <= 0 ? GRIDS.length : shape.grids();
    }

    /**
     * Case g's grid number (0 ..): g's round q = g / grids picks the day, and the grid is shifted by 7 per round, so
     * a grid gets every day and every residue of g (the flags below are taken from g mod 4, 5, 10 ...). With the grid
     * as plain g mod grids, 2,000 grids and 730 days shared a factor and a grid saw only 73 distinct days, and every
     * flag was constant per grid (all or none of a grid's cases whistled, found on patrol, rated 2).
     */
    private String gridIndex() {
        return "((g + (g / " + gridCount() + ") * 7) % " + gridCount() + ")";
    }

    /** Case g's day number (0 ..): its round, so each grid's cases cover all days in turn. */
    private String dayIndex() {
        return "((g / " + gridCount() + ") % " + shape.days() + ")";
    }

    /** Case g's category: the demo city's mix, in turn (by g / 7, so not tied to the grid's residues). */
    private static String category() {
        return array(City.CATEGORIES.toArray(String[]::new)) + "[1 + (g / 7) % " + City.CATEGORIES.size() + "]";
    }

    private static String array(String... values) {
        return "(ARRAY['" + String.join("','", values) + "'])";
    }

    /** The known columns of each table as SQL over g (the case number) and k (the timeline entry number). */
    private Map<String, String> caseFact() {
        String sub = "(timestamptz '2025-01-01 08:00+08' + " + dayIndex() + " * interval '1 day' + (g % 36000) "
                + "* interval '1 s')";
        String handled = sub + " + interval '1 hour' + (g % 7200) * interval '1 s'";
        String open = "g % 1000 = 0";
        Map<String, String> m = new LinkedHashMap<>();
        m.put("request_id", "'scale-' || lpad(g::text, 10, '0')");
        m.put("grid_code", gridCode());
        m.put("day", "date '2025-01-01' + " + dayIndex() + "::int");
        // 未诉先办's columns: the category in turn, one case in five found on patrol, each grid's cases at 20
        // places (cells), a fortieth of the whistled cases taken by the district (兜底), first contact after 3 min
        m.put("category", category());
        m.put("category_accepted", "true");
        m.put("source", "CASE WHEN g % 5 = 0 THEN 'patrol' ELSE 'resident' END");
        m.put("place_key", "(19950 + " + gridIndex() + " / 100)::text || ':' || (58000 + "
                + "(" + gridIndex() + " % 100) * 20 + (g / 3) % 20)::text");
        m.put("fallback", "g % 160 = 0");
        m.put("first_contact_at", sub + " + interval '3 min'");
        m.put("submitted_at", sub);
        m.put("accepted_at", sub + " + interval '2 s'");
        m.put("routed_at", sub + " + interval '5 s'");
        m.put("whistled_at", "CASE WHEN g % 4 = 0 THEN " + sub + " + interval '10 s' END");
        m.put("all_reported_in_at", "CASE WHEN g % 4 = 0 THEN " + sub + " + interval '20 min' END");
        m.put("handled_at", "CASE WHEN " + open + " THEN NULL ELSE " + handled + " END");
        m.put("finished_at", "CASE WHEN " + open + " THEN NULL ELSE " + handled + " END");
        m.put("verification_requested_at", "CASE WHEN g % 4 = 0 AND NOT " + open + " THEN " + handled + " END");
        m.put("verified_at", "CASE WHEN g % 4 = 0 AND NOT " + open + " THEN " + handled + " + interval '30 min' END");
        m.put("feedback_requested_at", "CASE WHEN " + open + " THEN NULL ELSE " + handled + " + interval '1 h' END");
        m.put("first_rated_at", "CASE WHEN " + open + " THEN NULL ELSE " + handled + " + interval '3 h' END");
        m.put("rated_at", "CASE WHEN " + open + " THEN NULL ELSE " + handled + " + interval '3 h' END");
        m.put("rating", "CASE WHEN " + open + " THEN NULL WHEN g % 10 = 1 THEN 2 WHEN g % 10 < 4 THEN 4 ELSE 5 END");
        m.put("rework_count", "CASE WHEN g % 20 = 1 THEN 1 ELSE 0 END");
        m.put("due_at", sub + " + interval '1 day'");
        m.put("deferred", "false");
        m.put("limit_missed", "g % 50 = 3");
        m.put("closed_at", "CASE WHEN " + open + " THEN NULL ELSE " + handled + " + interval '3 h 1 min' END");
        m.put("outcome", "CASE WHEN " + open + " THEN NULL WHEN g % 100 = 7 THEN '" + CaseOutcome.UNSATISFIED
                + "' ELSE '" + CaseOutcome.RESOLVED + "' END");
        return m;
    }

    private Map<String, String> caseFile() {
        Map<String, String> fact = caseFact();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("request_id", fact.get("request_id"));
        m.put("grid_code", fact.get("grid_code"));
        m.put("category", category());
        m.put("status", "CASE WHEN g % 1000 = 0 THEN 'IN_HANDLING' ELSE 'CLOSED' END");
        m.put("status_at", "coalesce(" + fact.get("closed_at") + ", " + fact.get("routed_at") + ")");
        m.put("source", "'resident'");
        m.put("submitted_at", fact.get("submitted_at"));
        m.put("closed_at", fact.get("closed_at"));
        m.put("outcome", fact.get("outcome"));
        m.put("rating", fact.get("rating"));
        m.put("rework_count", fact.get("rework_count"));
        m.put("round", "1");
        m.put("last_event_at", "coalesce(" + fact.get("closed_at") + ", " + fact.get("routed_at") + ")");
        m.put("version", "0");
        return m;
    }

    private Map<String, String> dispatchFact() {
        Map<String, String> fact = caseFact();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("request_id", fact.get("request_id"));
        m.put("round", "1");
        m.put("department", array("water", "urban-management", "housing", "transport", "environment")
                + "[1 + (g / 4) % 5]");
        m.put("grid_code", fact.get("grid_code"));
        m.put("day", fact.get("day"));
        m.put("called_at", fact.get("whistled_at"));
        m.put("report_in_due", fact.get("whistled_at") + " + interval '30 min'");
        m.put("resolve_due", fact.get("whistled_at") + " + interval '7 days'");
        m.put("reported_in_at", fact.get("all_reported_in_at"));
        m.put("answered_at", fact.get("handled_at"));
        m.put("result", "'" + AnswerResult.FIXED + "'");
        return m;
    }

    static final String[] TIMELINE_TYPES = {"gridloop.request.submitted.v1", "gridloop.request.accepted.v1",
            "gridloop.request.routed-to-grid.v1", "gridloop.request.claimed.v1", "gridloop.request.handled-on-site.v1",
            "gridloop.request.feedback-requested.v1", "gridloop.request.rated.v1", "gridloop.request.closed.v1"};
    static final String[] TIMELINE_STAGES = {"DISCOVERY", "ACCEPTANCE", "ROUTING", "HANDLING", "HANDLING", "FEEDBACK",
            "FEEDBACK", "CLOSING"};

    private Map<String, String> timeline() {
        Map<String, String> fact = caseFact();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("event_id", "'scale-' || g || '-' || k");
        m.put("request_id", fact.get("request_id"));
        m.put("event_type", array(TIMELINE_TYPES) + "[1 + (k - 1) % " + TIMELINE_TYPES.length + "]");
        m.put("stage", array(TIMELINE_STAGES) + "[1 + (k - 1) % " + TIMELINE_STAGES.length + "]");
        m.put("actor", "'sim-resident-' || (g % 200)");
        m.put("actor_role", "'resident'");
        m.put("department", "NULL");
        m.put("occurred_at", fact.get("submitted_at") + " + k * interval '10 min'");
        m.put("recorded_at", fact.get("submitted_at") + " + k * interval '10 min'");
        // the code the read model gives the type (the type without prefix and version), no parameters
        m.put("detail_code", "regexp_replace(" + m.get("event_type") + ", '^gridloop\\.(.*)\\.v[0-9]+$', '\\1')");
        m.put("detail_params", "'{}'::jsonb");
        return m;
    }

    private record Column(String name, String type, boolean notNull, boolean hasDefault) {
    }

    private List<Column> columns(String table) throws SQLException {
        List<Column> list = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT column_name, data_type, is_nullable, column_default, is_identity FROM "
                        + "information_schema.columns WHERE table_schema = '" + SCHEMA + "' AND table_name = '"
                        + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                list.add(new Column(rs.getString(1), rs.getString(2), "NO".equals(rs.getString(3)),
                        rs.getString(4) != null || "YES".equals(rs.getString(5))));
            }
        }
        return list;
    }

    private static String neutral(Column c) {
        String t = c.type().toLowerCase();
        if (t.contains("int") || t.contains("numeric") || t.contains("double") || t.contains("real")) {
            return "0";
        }
        if (t.contains("bool")) {
            return "false";
        }
        if (t.contains("timestamp")) {
            return "now()";
        }
        if (t.equals("date")) {
            return "current_date";
        }
        if (t.contains("json")) {
            return "'{}'";
        }
        return "''";
    }

    /** INSERT ... SELECT over generate_series, chunk by chunk; returns seconds taken, or -1 if the table is absent. */
    private double load(String table, Map<String, String> known, String from, StringBuilder log) throws SQLException {
        List<Column> cols = columns(table);
        if (cols.isEmpty()) {
            log.append("table ").append(table).append(" not found: skipped\n");
            return -1;
        }
        List<String> names = new ArrayList<>();
        List<String> exprs = new ArrayList<>();
        for (Column c : cols) {
            if (known.containsKey(c.name())) {
                names.add(c.name());
                exprs.add(known.get(c.name()) + " AS " + c.name());
            } else if (c.notNull() && !c.hasDefault()) {
                names.add(c.name());
                exprs.add(neutral(c) + " AS " + c.name());
                log.append(table).append('.').append(c.name()).append(": unknown NOT NULL column, filled with ")
                        .append(neutral(c)).append('\n');
            }
        }
        long t0 = System.nanoTime();
        long chunk = 1_000_000;
        for (long lo = 1; lo <= cases; lo += chunk) {
            long hi = Math.min(cases, lo + chunk - 1);
            String sql = "INSERT INTO " + SCHEMA + "." + table + " (" + String.join(", ", names) + ") SELECT "
                    + String.join(", ", exprs) + " FROM " + from.replace("LO", Long.toString(lo))
                    .replace("HI", Long.toString(hi));
            try (Statement st = db.createStatement()) {
                st.execute(sql);
            }
            System.out.printf("  scale: %s %,d / %,d cases%n", table, hi, cases);
        }
        try (Statement st = db.createStatement()) {
            st.execute("ANALYZE " + SCHEMA + "." + table);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    Map<String, Double> generate(StringBuilder log) throws SQLException {
        db.setAutoCommit(true);
        Map<String, Double> seconds = new LinkedHashMap<>();
        String series = "generate_series(LO, HI) AS g";
        seconds.put("case_file", load("case_file", caseFile(), series, log));
        // the facts' statement triggers keep the per grid and day aggregates; a bulk load turns them off and rebuilds the
        // aggregates from the facts in one pass afterwards (the function the escalation service runs when the
        // figures' definitions change)
        triggers("DISABLE");
        try {
            seconds.put("case_fact", load("case_fact", caseFact(), series, log));
            seconds.put("dispatch_fact", load("dispatch_fact", dispatchFact(),
                    "generate_series(LO, HI) AS g WHERE g % 4 = 0", log));
        } finally {
            triggers("ENABLE");
        }
        long t0 = System.nanoTime();
        try (Statement st = db.createStatement()) {
            st.execute("SELECT " + SCHEMA + ".rebuild_evaluation_aggregates()");
            for (String table : List.of("kpi_day", "cycle_day", "category_day", "kpi_rollup", "cycle_rollup",
                    "category_rollup", "dept_kpi_day", "dept_cycle_day", "dept_kpi_rollup", "dept_cycle_rollup")) {
                st.execute("ANALYZE " + SCHEMA + "." + table);
            }
        }
        seconds.put("kpi_day, cycle_day, category_day, the departments' and their roll-ups (rebuilt from the facts)",
                (System.nanoTime() - t0) / 1e9);
        System.out.printf("  scale: evaluation aggregates rebuilt in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        seconds.put("timeline_entry", load("timeline_entry", timeline(),
                "generate_series(LO, HI) AS g CROSS JOIN generate_series(1, " + timelinePerCase + ") AS k", log));
        return seconds;
    }

    private void triggers(String action) throws SQLException {
        try (Statement st = db.createStatement()) {
            for (String table : List.of("case_fact", "dispatch_fact", "escalation_fact")) {
                st.execute("ALTER TABLE " + SCHEMA + "." + table + " " + action + " TRIGGER USER");
            }
        }
    }

    /** Times each endpoint: the first call (cold) and the median/max of the next four. */
    /**
     * Times each endpoint as a supervisor of the city ({@code tokenOf("110100")}), and a department's figures and
     * ranking also as a supervisor of the district, a street and a grid (how the department served their area).
     */
    List<Timing> time(String escalationUrl, java.util.function.Function<String, String> tokenOf, String adminToken)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        // the lists served as counted are counted after the bulk load, as an operator would after one (the chore
        // may last have run while the aggregates were being rebuilt, over none of it)
        HttpResponse<String> counted = http.send(HttpRequest.newBuilder(URI.create(escalationUrl
                        + "/api/admin/repeated-places")).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + adminToken).build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.printf("  scale: repeated places counted: %d %s%n", counted.statusCode(), counted.body());
        long mid = Math.max(1, cases / 2 + 1);
        Map<String, String> calls = new LinkedHashMap<>();
        // every figure, ranking, hotspot, department and public query for a grid, a street, a district and the city,
        // for a month and all time (issue 14), and one period with edge days
        String month = "period=2025-03";
        String allTime = "from=2000-01-01";
        Map<String, String> units = new LinkedHashMap<>();
        units.put("one grid", "110105001001001");
        units.put("a street", "110105001");
        units.put("district", "110105");
        units.put("city", "110100");
        units.forEach((name, unit) -> {
            calls.put("KPIs, " + name + ", one month", "/api/kpis?unit=" + unit + "&" + month);
            calls.put("KPIs, " + name + ", all time", "/api/kpis?unit=" + unit);
        });
        calls.put("KPIs, district, 2025-03-10 to 2025-04-20 (edge days)",
                "/api/kpis?unit=110105&from=2025-03-10&to=2025-04-20");
        calls.put("overdue list", "/api/audit/overdue");
        for (String level : List.of("grid", "street", "district")) {
            calls.put("ranking of " + level + "s, one month", "/api/audit/rankings?level=" + level + "&" + month);
            calls.put("ranking of " + level + "s, all time", "/api/audit/rankings?level=" + level);
        }
        // a department as seen by the city, the district, a street and a grid (the caller's unit is the area)
        Map<String, String> asUnit = new LinkedHashMap<>();
        units.forEach((name, unit) -> {
            String as = " (" + name + ")";
            calls.put("department figures, one month" + as, "/api/kpis?unit=water&" + month);
            calls.put("department figures, all time" + as, "/api/kpis?unit=water");
            calls.put("department ranking, one month" + as, "/api/audit/department-rankings?" + month);
            calls.put("department ranking, all time" + as, "/api/audit/department-rankings");
            for (String kind : List.of("figures, one month", "figures, all time", "ranking, one month",
                    "ranking, all time")) {
                asUnit.put("department " + kind + as, unit);
            }
        });
        calls.put("department figures, district, 2025-03-10 to 2025-04-20 (edge days)",
                "/api/kpis?unit=water&from=2025-03-10&to=2025-04-20");
        asUnit.put("department figures, district, 2025-03-10 to 2025-04-20 (edge days)", "110105");
        units.forEach((name, unit) -> {
            calls.put("hotspots, " + name + ", one month", "/api/hotspots?unit=" + unit + "&" + month);
            calls.put("hotspots, " + name + ", all time", "/api/hotspots?unit=" + unit + "&" + allTime);
        });
        calls.put("hotspot trend, one grid, 24 months", "/api/hotspots/months?unit=110105001001001&months=24");
        calls.put("hotspot trend, a street, 24 months", "/api/hotspots/months?unit=110105001&months=24");
        calls.put("hotspot trend, district, 24 months", "/api/hotspots/months?unit=110105&months=24");
        calls.put("hotspot trend, city, 24 months", "/api/hotspots/months?unit=110100&months=24");
        calls.put("repeated places, one grid, 90 days", "/api/hotspots/repeated?unit=110105001001001&days=90");
        calls.put("repeated places, a street, 90 days", "/api/hotspots/repeated?unit=110105001&days=90");
        calls.put("repeated places, district, 90 days", "/api/hotspots/repeated?unit=110105&days=90");
        calls.put("repeated places, city, 90 days", "/api/hotspots/repeated?unit=110100&days=90");
        calls.put("public figures, city, one month", "/api/public/figures?unit=110100&" + month);
        calls.put("public ranking of streets, one month", "/api/public/rankings?level=street&" + month);
        calls.put("public department ranking, one month", "/api/public/department-rankings?" + month);
        calls.put("case timeline", "/api/cases/scale-" + String.format("%010d", mid) + "/timeline");
        calls.put("case timeline (another)", "/api/cases/scale-" + String.format("%010d", Math.max(1, cases - 7))
                + "/timeline");
        List<Timing> timings = new ArrayList<>();
        Map<String, String> tokens = new java.util.HashMap<>();
        for (Map.Entry<String, String> call : calls.entrySet()) {
            String token = tokens.computeIfAbsent(asUnit.getOrDefault(call.getKey(), "110100"), tokenOf);
            double[] ms = new double[5];
            int status = 0;
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(escalationUrl + call.getValue()))
                        .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                ms[i] = (System.nanoTime() - t0) / 1e6;
                status = r.statusCode();
            }
            double[] warm = Arrays.copyOfRange(ms, 1, ms.length);
            Arrays.sort(warm);
            timings.add(new Timing(call.getKey(), "GET " + call.getValue(), status, ms[0],
                    (warm[1] + warm[2]) / 2, warm[warm.length - 1]));
            System.out.printf("  scale: %-30s %d  first %.0f ms, median %.0f ms%n", call.getKey(), status, ms[0],
                    (warm[1] + warm[2]) / 2);
        }
        return timings;
    }

    /** EXPLAIN ANALYZE of SQL equivalent to what the endpoints run, saved next to the results. */
    void explain(Path file) throws SQLException, IOException {
        String id = "scale-" + String.format("%010d", Math.max(1, cases / 2 + 1));
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("timeline", "SELECT * FROM " + SCHEMA + ".timeline_entry WHERE request_id = '" + id
                + "' ORDER BY occurred_at, id");
        queries.put("overdue", "SELECT c.request_id, c.grid_code, f.category, f.status, c.due_at, c.limit_missed FROM "
                + SCHEMA + ".case_fact c LEFT JOIN " + SCHEMA + ".case_file f ON f.request_id = c.request_id "
                + "WHERE c.closed_at IS NULL AND c.due_at < now() AND (c.finished_at IS NULL OR c.finished_at > "
                + "c.due_at) AND c.grid_code LIKE '110105%' ORDER BY c.due_at LIMIT 1000");
        // the roll-up rows the endpoints read (without the deltas not folded yet, which they add)
        queries.put("kpi figures (district, all time)", "SELECT figure, sum(numerator), sum(denominator) FROM "
                + SCHEMA + ".kpi_rollup WHERE unit = '110105' AND grain = 'Y' AND start BETWEEN '2000-01-01' AND "
                + "'2999-01-01' GROUP BY figure");
        queries.put("cycle times (district, all time)", "SELECT stage, bucket, sum(cases), sum(seconds), "
                + "max(max_seconds) FROM " + SCHEMA + ".cycle_rollup WHERE unit = '110105' AND grain = 'Y' AND start "
                + "BETWEEN '2000-01-01' AND '2999-01-01' GROUP BY stage, bucket HAVING sum(cases) > 0 "
                + "ORDER BY stage, bucket");
        queries.put("ranking of grids (one month)", "SELECT unit, figure, sum(numerator), sum(denominator) FROM "
                + SCHEMA + ".kpi_rollup WHERE unit LIKE '110105%' AND length(unit) = 15 AND grain = 'M' AND start "
                + "BETWEEN '2025-03-01' AND '2025-03-01' GROUP BY unit, figure");
        queries.put("repeated places (district, 90 days)", "SELECT c.place_key, c.category, count(*), "
                + "count(c.closed_at), min(c.submitted_at), max(c.submitted_at) FROM " + SCHEMA + ".case_fact c "
                + "WHERE c.grid_code LIKE '110105%' AND c.day >= current_date - 89 AND c.place_key IS NOT NULL AND "
                + "c.category IS NOT NULL AND c.source IS DISTINCT FROM 'proactive' AND c.outcome IS DISTINCT FROM "
                + "'REJECTED' GROUP BY 1, 2 HAVING count(*) >= 3 ORDER BY 3 DESC LIMIT 100");
        queries.put("hotspots (district, one month)", "SELECT unit, category, sum(cases) FROM " + SCHEMA
                + ".category_rollup WHERE unit LIKE '110105%' AND length(unit) = 15 AND grain = 'M' AND start "
                + "BETWEEN '2025-02-01' AND '2025-03-01' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 100");
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            out.append("-- ").append(q.getKey()).append('\n').append(q.getValue()).append(";\n");
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + q.getValue())) {
                while (rs.next()) {
                    out.append(rs.getString(1)).append('\n');
                }
            }
            out.append('\n');
        }
        Files.writeString(file, out);
    }
}
