package org.gridloop.escalation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gridloop.escalation.repository.Aggregates;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roll-ups per unit and period (V12, repository/Aggregates and Spans) on facts written straight into
 * {@code case_fact} under district 110109 (four grids in two streets, 360 cases over two clusters of days: one
 * around the turn of 2023/2024, one around the start of the month a year ago), then changed and partly deleted, each
 * by one statement as a consumer batch writes them:
 * <ul>
 *   <li>with the fold held off (its lock taken here), the API's figures, cycle-time case counts, rankings and hotspot
 *       counts equal the per grid and day tables summed the way they were read before the roll-ups — for a grid, a
 *       community, a street and the district, for a month, a year, all time and a period with edge days;</li>
 *   <li>after the fold the deltas are gone, every roll-up row equals the day rows it stands for, and the API answers
 *       the same; a rebuild from the facts gives the same roll-ups.</li>
 * </ul>
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollupIT {

    static final String DISTRICT = "110109";
    static final List<String> GRIDS = List.of("110109001001001", "110109001001002", "110109001002001",
            "110109002001001");
    static final LocalDate YEAR_EDGE = LocalDate.of(2023, 12, 20);
    static final LocalDate RECENT = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(12).atDay(1).minusDays(12);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Aggregates aggregates;

    final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    @Order(1)
    void theRollUpsAndTheDeltasNotFoldedYetGiveWhatTheDayTablesGive() throws Exception {
        List<String> before;
        try (Connection lock = dataSource.getConnection(); Statement hold = lock.createStatement()) {
            // the background fold tries this lock and skips while it is held: the deltas stay unfolded
            hold.execute("SELECT pg_advisory_lock(hashtext('escalation.evaluation_aggregates'))");
            try {
                writeFacts();
                assertThat(count("SELECT count(*) FROM escalation.kpi_delta WHERE grid_code LIKE '" + DISTRICT
                        + "%'")).as("deltas waiting for the fold").isPositive();
                assertThat(count("SELECT count(*) FROM escalation.kpi_rollup WHERE unit LIKE '" + DISTRICT + "%'"))
                        .as("nothing folded yet").isZero();
                before = reads();
                assertAgreesWithTheDayTables();
            } finally {
                hold.execute("SELECT pg_advisory_unlock(hashtext('escalation.evaluation_aggregates'))");
            }
        }
        assertThat(aggregates.fold()).isTrue();
        assertThat(count("SELECT count(*) FROM escalation.kpi_delta WHERE grid_code LIKE '" + DISTRICT + "%'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM escalation.cycle_rollup WHERE unit LIKE '" + DISTRICT + "%'"))
                .isPositive();
        assertRollupsEqualTheDayTables();
        assertThat(reads()).isEqualTo(before);
        assertAgreesWithTheDayTables();

        // a rebuild from the facts gives the roll-ups the fold kept
        List<String> folded = rollupRows();
        assertThat(folded).hasSizeGreaterThan(100);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // forget the district's roll-ups and what the aggregates were built with: the rebuild must make them again
            for (String t : List.of("kpi", "cycle", "category")) {
                st.executeUpdate("DELETE FROM escalation." + t + "_rollup WHERE unit LIKE '" + DISTRICT + "%'");
            }
            st.execute("DELETE FROM escalation.aggregate_definition");
        }
        assertThat(aggregates.ensure()).isTrue();
        assertThat(rollupRows()).isEqualTo(folded);
        assertThat(reads()).isEqualTo(before);
    }

    /**
     * A period is read in the years 2000 to 9999 (the roll-ups split it into years, months and days): outside, a 400
     * naming the field. A ranking of a level above the caller's unit gives that unit's figures under its code there.
     */
    @Test
    @Order(2)
    void periodsOutsideTheYearsReadAreRefusedAndARankingAboveTheCallersUnitIsItsOwn() throws Exception {
        if (count("SELECT count(*) FROM escalation.case_fact WHERE grid_code LIKE '" + DISTRICT + "%'") == 0) {
            writeFacts();
        }
        for (String bad : List.of("from=-999999999-01-01", "from=1999-12-31", "to=%2B10000-01-01",
                "period=%2B100000-01-01", "period=1999-12")) {
            given().auth().oauth2(admin()).urlEncodingEnabled(false).when()
                    .get("/api/kpis?unit=" + DISTRICT + "&" + bad).then().statusCode(400);
        }
        // a supervisor of street 110109001 (the facts above)
        String liu = SharedInfra.get().jwt().token(new DemoUser("rollup-liu", "街道 刘", java.util.Set.of("supervisor"),
                List.of(), null, "110109001"));
        JsonPath r = given().auth().oauth2(liu).when().get("/api/audit/rankings?level=district")
                .then().statusCode(200).extract().jsonPath();
        assertThat(r.getList("units.unit", String.class)).containsExactly(DISTRICT);
        JsonPath own = given().auth().oauth2(liu).when().get("/api/kpis").then().statusCode(200).extract().jsonPath();
        assertThat(figures(r.getList("units.figures").get(0))).isEqualTo(figures(own.getList("figures").stream()
                .filter(f -> r.getList("units[0].figures.figure").contains(((Map<?, ?>) f).get("figure"))).toList()));
    }

    /**
     * A department's roll-ups (V14): calls of two departments to the cases above, over two rounds, written, changed
     * and deleted statement by statement as consumer batches write them — a department called to a case for the
     * first time (it takes on the case's figures), its last call to a case deleted (it gives them back), the cases
     * rated and closed after their calls, escalations naming a department, calls upserted as a consumer batch writes
     * them, a call deleted where another round of it stays, cases written after their calls. With the fold held off,
     * then after it, each department's figures (every figure, the cycle-time case counts) and the department ranking
     * equal the facts counted by the definitions (Kpi), for an admin and the supervisors of the city, the district, a
     * street (the roll-ups) and a community (the facts), over the period matrix; the day rows and roll-ups the fold
     * kept equal a rebuild from the facts.
     */
    @Test
    @Order(3)
    void aDepartmentsRollUpsGiveWhatItsFactsGive() throws Exception {
        if (count("SELECT count(*) FROM escalation.case_fact WHERE request_id LIKE 'RU-" + suffix + "-%'") == 0) {
            writeFacts();
        }
        String a = "ru-a-" + suffix;
        String b = "ru-b-" + suffix;
        List<String> before;
        try (Connection lock = dataSource.getConnection(); Statement hold = lock.createStatement()) {
            hold.execute("SELECT pg_advisory_lock(hashtext('escalation.evaluation_aggregates'))");
            try {
                writeCalls(a, b);
                assertThat(count("SELECT count(*) FROM escalation.dept_kpi_delta WHERE department = '" + a + "'"))
                        .as("deltas waiting for the fold").isPositive();
                assertThat(count("SELECT count(*) FROM escalation.dept_kpi_day WHERE department = '" + a + "'"))
                        .as("a department's day rows are the fold's").isZero();
                before = departmentReads(a, b);
                assertDepartmentsAgreeWithTheFacts(a, b);
            } finally {
                hold.execute("SELECT pg_advisory_unlock(hashtext('escalation.evaluation_aggregates'))");
            }
        }
        assertThat(aggregates.fold()).isTrue();
        assertThat(count("SELECT count(*) FROM escalation.dept_kpi_delta WHERE department = '" + a + "'")).isZero();
        assertThat(departmentReads(a, b)).isEqualTo(before);
        assertDepartmentsAgreeWithTheFacts(a, b);
        List<String> folded = departmentRows(a, b);
        assertThat(folded).hasSizeGreaterThan(100);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String t : List.of("dept_kpi_day", "dept_cycle_day", "dept_kpi_rollup", "dept_cycle_rollup")) {
                st.executeUpdate("DELETE FROM escalation." + t + " WHERE department IN ('" + a + "', '" + b + "')");
            }
            st.execute("DELETE FROM escalation.aggregate_definition");
        }
        assertThat(aggregates.ensure()).isTrue();
        assertThat(departmentRows(a, b)).isEqualTo(folded);
        assertThat(departmentReads(a, b)).isEqualTo(before);
    }

    /**
     * Round 1: department a called to every third case, b to every fourth; round 2: a again to every ninth (not a
     * new department for the case), b to every fifth (new for most); reports in on time or late, answers, the
     * callers' ratings; a failed verification marked on some calls; the cases rated and closed after their calls;
     * b's round 2 calls to cases it had no other call to deleted; escalations naming a or b.
     */
    void writeCalls(String a, String b) throws Exception {
        String cases = "FROM escalation.case_fact c WHERE c.request_id LIKE 'RU-" + suffix + "-%' AND ";
        String n = "substring(c.request_id from '[0-9]+$')::int";
        String call = "SELECT c.request_id, ROUND, 'DEPT', c.grid_code, c.day, c.submitted_at + interval '1 hour', "
                + "c.submitted_at + interval '2 hours', c.submitted_at + interval '3 days', "
                + "CASE WHEN " + n + " % 7 <> 0 THEN c.submitted_at + (" + n + " % 5) * interval '40 minutes' END, "
                + "CASE WHEN " + n + " % 2 = 0 THEN c.submitted_at + interval '5 hours' END, 'FIXED', "
                + "CASE WHEN " + n + " % 3 <> 1 THEN 1 + " + n + " % 5 END, CASE WHEN " + n + " % 3 <> 1 THEN 1 + "
                + "(" + n + " / 2) % 5 END " + cases;
        String insert = "INSERT INTO escalation.dispatch_fact (request_id, round, department, grid_code, day, called_at, "
                + "report_in_due, resolve_due, reported_in_at, answered_at, result, attitude, rated_result) ";
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(insert + call.replace("ROUND", "1").replace("DEPT", a) + n + " % 3 = 0 UNION ALL "
                    + call.replace("ROUND", "1").replace("DEPT", b) + n + " % 4 = 0");
            st.executeUpdate(insert + call.replace("ROUND", "2").replace("DEPT", a) + n + " % 9 = 0 UNION ALL "
                    + call.replace("ROUND", "2").replace("DEPT", b) + n + " % 5 = 0");
            // as a consumer batch writes calls: an upsert, some rows new (b's first call to the case), some not
            st.executeUpdate(insert.replace("dispatch_fact (", "dispatch_fact AS f (") + call.replace("ROUND", "1")
                    .replace("DEPT", b) + n + " % 6 = 0 ON CONFLICT (request_id, round, department) DO UPDATE SET "
                    + "attitude = 6 - coalesce(f.attitude, 3), reported_in_at = NULL");
            st.executeUpdate("UPDATE escalation.dispatch_fact SET verification_failed = true, reopened = round = 1 "
                    + "WHERE department IN ('" + a + "', '" + b + "') AND substring(request_id from '[0-9]+$')::int "
                    + "% 8 = 0");
            st.executeUpdate("UPDATE escalation.case_fact c SET rating = 1 + " + n + " % 4, rated_at = "
                    + "coalesce(c.rated_at, c.submitted_at + interval '20 hours'), whistled_at = c.submitted_at + "
                    + "interval '50 minutes', all_reported_in_at = c.submitted_at + interval '3 hours', closed_at = "
                    + "coalesce(c.closed_at, c.submitted_at + interval '21 hours'), outcome = coalesce(c.outcome, "
                    + "'RESOLVED') WHERE c.request_id LIKE 'RU-" + suffix + "-%' AND " + n + " % 2 = 0");
            st.executeUpdate("DELETE FROM escalation.dispatch_fact d WHERE d.department = '" + b + "' AND d.round = 2 "
                    + "AND substring(d.request_id from '[0-9]+$')::int % 4 <> 0 AND substring(d.request_id "
                    + "from '[0-9]+$')::int % 10 = 5");
            // a's round 2 call deleted where its round 1 call stays: the case is still a's
            st.executeUpdate("DELETE FROM escalation.dispatch_fact d WHERE d.department = '" + a + "' AND d.round = 2 "
                    + "AND substring(d.request_id from '[0-9]+$')::int % 18 = 0");
            st.executeUpdate("INSERT INTO escalation.escalation_fact (escalation_id, request_id, grid_code, department, "
                    + "trigger_name, day, raised_at, level) SELECT 'RUE-' || c.request_id, c.request_id, c.grid_code, "
                    + "CASE WHEN " + n + " % 2 = 0 THEN '" + a + "' ELSE '" + b + "' END, 'REPORT_IN_MISSED', c.day, "
                    + "c.submitted_at + interval '3 hours', 'STREET' " + cases + n + " % 11 = 0");
            // cases whose calls the read model saw first: the calls, then the cases (copies of a few above)
            String late = "'RU-" + suffix + "-' || (" + n + " + 7000)";
            String some = n + " % 10 = 3 AND " + n + " < 100";
            st.executeUpdate(insert + call.replace("SELECT c.request_id,", "SELECT " + late + ",")
                    .replace("ROUND", "1").replace("DEPT", a) + some);
            st.executeUpdate("INSERT INTO escalation.case_fact SELECT (jsonb_populate_record(NULL::escalation.case_fact, "
                    + "to_jsonb(c) || jsonb_build_object('request_id', " + late + "))).* " + cases + some);
        }
    }

    /**
     * The callers reading the departments, by the grid-code prefix they read under: an admin (the whole city), the
     * supervisors of the city, the district and a street (the roll-ups) and of a community (the facts).
     */
    static Map<String, String> departmentReaders() {
        Map<String, String> readers = new java.util.LinkedHashMap<>();
        readers.put("", admin());
        for (String unit : List.of("110100", DISTRICT, "110109001", "110109001001")) {
            readers.put(unit.equals("110100") ? "1101" : unit, SharedInfra.get().jwt().token(new DemoUser("rollup-"
                    + unit, "督办 " + unit, java.util.Set.of("supervisor"), List.of(), null, unit)));
        }
        return readers;
    }

    /** What the API answers for the two departments over the matrix's periods, for each reader. */
    static List<String> departmentReads(String a, String b) {
        List<String> out = new ArrayList<>();
        departmentReaders().forEach((area, token) -> {
            for (String[] m : matrix().stream().filter(m -> m[0].equals(DISTRICT)).toList()) {
                for (String d : List.of(a, b)) {
                    JsonPath f = given().auth().oauth2(token).when().get("/api/kpis?unit=" + d + "&" + m[1])
                            .then().statusCode(200).extract().jsonPath();
                    out.add(area + " " + d + " " + m[1] + " " + f.getList("figures") + f.getList("cycleTimes"));
                }
                out.add(area + " " + m[1] + " " + departmentsRanked(token, m[1], a, b));
            }
        });
        return out;
    }

    /** The two departments in a department ranking: department → numerator/denominator per figure. */
    static Map<String, String> departmentsRanked(String token, String period, String a, String b) {
        JsonPath r = given().auth().oauth2(token).when().get("/api/audit/department-rankings?"
                        + (period.isEmpty() ? "from=2000-01-01" : period))
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> out = new TreeMap<>();
        for (Map<String, Object> u : r.<Map<String, Object>>getList("departments")) {
            if (u.get("unit").equals(a) || u.get("unit").equals(b)) {
                out.put((String) u.get("unit"), figures(u.get("figures")));
            }
        }
        return out;
    }

    /** Each department read against the facts counted by the figures' definitions. */
    void assertDepartmentsAgreeWithTheFacts(String a, String b) throws Exception {
        for (Map.Entry<String, String> reader : departmentReaders().entrySet()) {
            String area = reader.getKey().isEmpty() ? "" : " AND c.grid_code LIKE '" + reader.getKey() + "%'";
            for (String[] m : matrix().stream().filter(m -> m[0].equals(DISTRICT)).toList()) {
                String period = " AND c.day BETWEEN '" + m[2] + "' AND '" + m[3] + "'" + area;
                Map<String, String> ranked = new TreeMap<>();
                for (String d : List.of(a, b)) {
                    Map<String, String> expected = new TreeMap<>();
                    StringBuilder calls = new StringBuilder();
                    for (org.gridloop.escalation.domain.Kpi k : org.gridloop.escalation.domain.Kpi.values()) {
                        String where = switch (k.source()) {
                            case CASES -> "c.request_id IN (SELECT request_id FROM escalation.dispatch_fact WHERE "
                                    + "department = '" + d + "')";
                            case DISPATCHES, ESCALATIONS -> "c.department = '" + d + "'";
                        };
                        query("SELECT " + k.numeratorSql() + ", " + k.denominatorSql() + " FROM escalation."
                                + k.source().table() + " c WHERE " + where + period, r -> {
                            String v = r.getLong(1) + "/" + r.getLong(2);
                            if (!v.equals("0/0")) {
                                expected.put(k.name(), v);
                            }
                            if (k.source() == org.gridloop.escalation.domain.Kpi.Source.DISPATCHES) {
                                calls.append(k.name()).append('=').append(v).append(' ');
                            }
                        });
                    }
                    if (expected.containsKey("RESPONSE")) {
                        ranked.put(d, calls.toString().trim());
                    }
                    JsonPath f = given().auth().oauth2(reader.getValue()).when().get("/api/kpis?unit=" + d + "&"
                            + m[1]).then().statusCode(200).extract().jsonPath();
                    Map<String, String> actual = new TreeMap<>();
                    for (Map<String, Object> fig : f.<Map<String, Object>>getList("figures")) {
                        Object den = fig.get("denominator");
                        String value = fig.get("numerator") + "/" + (den == null ? 0 : ((Number) den).longValue());
                        if (!value.equals("0/0")) {
                            actual.put((String) fig.get("figure"), value);
                        }
                    }
                    String what = d + " for '" + reader.getKey() + "' " + m[1];
                    assertThat(actual).as(what).isEqualTo(expected);
                    Map<String, Long> cases = new TreeMap<>();
                    String values = java.util.Arrays.stream(org.gridloop.escalation.domain.CycleStage.values())
                            .map(s -> "('" + s.name() + "', " + s.secondsSql() + ")")
                            .reduce((x, y) -> x + ", " + y).orElseThrow();
                    query("SELECT s.stage, count(s.secs) FROM escalation.case_fact c CROSS JOIN LATERAL (VALUES "
                            + values + ") AS s(stage, secs) WHERE c.request_id IN (SELECT request_id FROM "
                            + "escalation.dispatch_fact WHERE department = '" + d + "')" + period
                            + " AND s.secs IS NOT NULL GROUP BY 1", r -> cases.put(r.getString(1), r.getLong(2)));
                    Map<String, Long> apiCases = new TreeMap<>();
                    for (Map<String, Object> t : f.<Map<String, Object>>getList("cycleTimes")) {
                        if (((Number) t.get("cases")).longValue() > 0) {
                            apiCases.put((String) t.get("stage"), ((Number) t.get("cases")).longValue());
                        }
                    }
                    assertThat(apiCases).as(what + " cycle-time cases").isEqualTo(cases);
                }
                assertThat(departmentsRanked(reader.getValue(), m[1], a, b)).as("ranking for '" + reader.getKey()
                        + "' " + m[1]).isEqualTo(ranked);
            }
        }
        assertThat(departmentsRanked(admin(), "period=2024-01", a, b)).as("both ranked in January 2024").hasSize(2);
    }

    /** The two departments' day rows and roll-up rows that count something (see {@link #rollupRows}). */
    List<String> departmentRows(String a, String b) throws Exception {
        List<String> rows = new ArrayList<>();
        String ours = " WHERE department IN ('" + a + "', '" + b + "') AND ";
        query("SELECT concat_ws(' ', street_code, day, department, figure, numerator, denominator) FROM "
                + "escalation.dept_kpi_day" + ours + "(numerator <> 0 OR denominator <> 0)", r -> rows.add(r.getString(1)));
        query("SELECT concat_ws(' ', street_code, day, department, stage, bucket, cases, round(seconds::numeric, 3)) "
                + "FROM escalation.dept_cycle_day" + ours + "cases <> 0", r -> rows.add(r.getString(1)));
        query("SELECT concat_ws(' ', unit, grain, start, department, figure, numerator, denominator) FROM "
                + "escalation.dept_kpi_rollup" + ours + "(numerator <> 0 OR denominator <> 0)", r -> rows.add(r.getString(1)));
        query("SELECT concat_ws(' ', unit, grain, start, department, stage, bucket, cases, round(seconds::numeric, 3)) "
                + "FROM escalation.dept_cycle_rollup" + ours + "cases <> 0", r -> rows.add(r.getString(1)));
        return rows.stream().sorted().toList();
    }

    /** 360 cases, then a second statement changing a sixth of them, then a third deleting some. */
    void writeFacts() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            String grids = "ARRAY['" + String.join("','", GRIDS) + "']";
            st.executeUpdate("INSERT INTO escalation.case_fact (request_id, grid_code, day, submitted_at, accepted_at, "
                    + "routed_at, handled_at, finished_at, feedback_requested_at, first_rated_at, rated_at, rating, "
                    + "rework_count, due_at, closed_at, outcome, category, source) "
                    + "SELECT 'RU-" + suffix + "-' || g, (" + grids + ")[1 + g / 2 % 4], d, t, t + (g % 7) * interval "
                    + "'5 minutes', t + interval '40 minutes', CASE WHEN g % 5 <> 0 THEN t + (g % 11 + 1) * interval "
                    + "'1 hour' END, CASE WHEN g % 5 <> 0 THEN t + (g % 11 + 1) * interval '1 hour' END, "
                    + "CASE WHEN g % 5 <> 0 THEN t + (g % 11 + 1) * interval '1 hour' END, "
                    + "CASE WHEN g % 5 <> 0 AND g % 3 <> 0 THEN t + interval '14 hours' END, "
                    + "CASE WHEN g % 5 <> 0 AND g % 3 <> 0 THEN t + interval '14 hours' END, "
                    + "CASE WHEN g % 5 <> 0 AND g % 3 <> 0 THEN 1 + g % 5 END, CASE WHEN g % 4 = 0 THEN 1 ELSE 0 END, "
                    + "t + interval '8 hours', CASE WHEN g % 5 <> 0 THEN t + interval '15 hours' "
                    + "WHEN g % 13 = 0 THEN t + interval '1 hour' END, "
                    + "CASE WHEN g % 5 <> 0 THEN 'RESOLVED' WHEN g % 13 = 0 THEN 'REJECTED' END, "
                    + "(ARRAY['litter','road','water'])[1 + g % 3], (ARRAY['resident','patrol','open311'])[1 + g / 3 % 3] "
                    + "FROM generate_series(1, 360) g CROSS JOIN LATERAL (SELECT CASE WHEN g % 2 = 0 THEN DATE '"
                    + YEAR_EDGE + "' + g / 12 ELSE DATE '" + RECENT + "' + g / 8 END AS d) x "
                    + "CROSS JOIN LATERAL (SELECT x.d + interval '1 hour' * (g % 9) AS t) y");
            st.executeUpdate("UPDATE escalation.case_fact SET rating = 5, rated_at = coalesce(rated_at, handled_at), "
                    + "closed_at = coalesce(closed_at, submitted_at + interval '30 hours'), category = 'road' "
                    + "WHERE request_id LIKE 'RU-" + suffix + "-%' AND substring(request_id from '[0-9]+$')::int % 6 = 0");
            st.executeUpdate("DELETE FROM escalation.case_fact WHERE request_id LIKE 'RU-" + suffix + "-%' "
                    + "AND substring(request_id from '[0-9]+$')::int % 17 = 0");
        }
    }

    /** The units and periods read: every level under the district, a month, a year, all time, edge days. */
    static List<String[]> matrix() {
        List<String[]> periods = List.of(
                new String[]{"period=2024-01", "2024-01-01", "2024-01-31"},
                new String[]{"from=2023-01-01&to=2023-12-31", "2023-01-01", "2023-12-31"},
                new String[]{"from=2023-12-22&to=2024-01-05", "2023-12-22", "2024-01-05"},
                new String[]{"from=" + RECENT.plusDays(3) + "&to=" + RECENT.plusDays(45), RECENT.plusDays(3).toString(),
                        RECENT.plusDays(45).toString()},
                new String[]{"", "2000-01-01", "2999-12-31"});
        List<String[]> all = new ArrayList<>();
        for (String unit : List.of(GRIDS.get(0), "110109001001", "110109001", DISTRICT)) {
            for (String[] p : periods) {
                all.add(new String[]{unit, p[0], p[1], p[2]});
            }
        }
        return all;
    }

    /** What the API answers over the matrix: figures, cycle times, the grids' ranking and the hotspot counts. */
    static List<String> reads() {
        List<String> out = new ArrayList<>();
        for (String[] m : matrix()) {
            JsonPath f = given().auth().oauth2(admin()).when().get("/api/kpis?unit=" + m[0] + "&" + m[1])
                    .then().statusCode(200).extract().jsonPath();
            out.add(m[0] + " " + m[1] + " " + f.getList("figures") + f.getList("cycleTimes"));
            if (m[0].equals(DISTRICT)) {
                out.add(ranked(m[1]).toString());
                out.add(given().auth().oauth2(admin()).when().get("/api/hotspots?unit=" + DISTRICT + "&"
                        + (m[1].isEmpty() ? "from=2000-01-01" : m[1])).then().statusCode(200).extract().asString());
            }
        }
        return out;
    }

    /** The district's grids in the city-wide ranking of grids: unit → numerator/denominator per figure. */
    static Map<String, String> ranked(String period) {
        JsonPath r = given().auth().oauth2(admin()).when().get("/api/audit/rankings?level=grid&" + period)
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> out = new TreeMap<>();
        List<Map<String, Object>> units = r.getList("units");
        for (Map<String, Object> u : units) {
            if (((String) u.get("unit")).startsWith(DISTRICT)) {
                out.put((String) u.get("unit"), figures(u.get("figures")));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static String figures(Object list) {
        StringBuilder s = new StringBuilder();
        for (Map<String, Object> f : (List<Map<String, Object>>) list) {
            Object d = f.get("denominator");
            s.append(f.get("figure")).append('=').append(f.get("numerator")).append('/')
                    .append(d == null ? 0 : ((Number) d).longValue()).append(' ');
        }
        return s.toString().trim();
    }

    /** Each read of the matrix against the day tables summed as the reads did before the roll-ups. */
    void assertAgreesWithTheDayTables() throws Exception {
        for (String[] m : matrix()) {
            JsonPath f = given().auth().oauth2(admin()).when().get("/api/kpis?unit=" + m[0] + "&" + m[1])
                    .then().statusCode(200).extract().jsonPath();
            String where = "grid_code LIKE '" + m[0] + "%' AND day BETWEEN '" + m[2] + "' AND '" + m[3] + "'";
            Map<String, String> expected = new TreeMap<>();
            query("SELECT figure, sum(numerator), sum(denominator) FROM escalation.kpi_day WHERE " + where
                    + " GROUP BY figure", r -> expected.put(r.getString(1), r.getLong(2) + "/" + r.getLong(3)));
            Map<String, String> actual = new TreeMap<>();
            for (Map<String, Object> fig : f.<Map<String, Object>>getList("figures")) {
                // a count has no denominator in the API; its day rows hold 0
                Object d = fig.get("denominator");
                String value = fig.get("numerator") + "/" + (d == null ? 0 : ((Number) d).longValue());
                if (expected.containsKey((String) fig.get("figure")) || !value.equals("0/0")) {
                    actual.put((String) fig.get("figure"), value);
                }
            }
            assertThat(actual).as(m[0] + " " + m[1]).isEqualTo(expected);
            Map<String, Long> cases = new TreeMap<>();
            query("SELECT stage, sum(cases) FROM escalation.cycle_day WHERE " + where + " GROUP BY stage "
                    + "HAVING sum(cases) > 0", r -> cases.put(r.getString(1), r.getLong(2)));
            Map<String, Long> apiCases = new TreeMap<>();
            for (Map<String, Object> t : f.<Map<String, Object>>getList("cycleTimes")) {
                if (((Number) t.get("cases")).longValue() > 0) {
                    apiCases.put((String) t.get("stage"), ((Number) t.get("cases")).longValue());
                }
            }
            assertThat(apiCases).as(m[0] + " " + m[1] + " cycle-time cases").isEqualTo(cases).isNotEmpty();
        }
        // the grids' ranking for January 2024 and the district's hotspots for it
        Map<String, Map<String, String>> grids = new TreeMap<>();
        query("SELECT grid_code, figure, sum(numerator), sum(denominator) FROM escalation.kpi_day WHERE grid_code LIKE '"
                + DISTRICT + "%' AND day BETWEEN '2024-01-01' AND '2024-01-31' GROUP BY 1, 2", r ->
                grids.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.getString(2),
                        r.getLong(3) + "/" + r.getLong(4)));
        Map<String, String> ranked = ranked("period=2024-01");
        assertThat(ranked.keySet()).isEqualTo(grids.keySet()).isNotEmpty();
        ranked.forEach((unit, figures) -> {
            for (String fig : figures.split(" ")) {
                String[] kv = fig.split("=");
                assertThat(kv[1]).as(unit + " " + kv[0]).isEqualTo(grids.get(unit).getOrDefault(kv[0], "0/0"));
            }
        });
        Map<String, Long> hot = new TreeMap<>();
        query("SELECT grid_code || ' ' || category, sum(cases) FROM escalation.category_day WHERE grid_code LIKE '"
                + DISTRICT + "%' AND day BETWEEN '2024-01-01' AND '2024-01-31' GROUP BY 1 HAVING sum(cases) > 0",
                r -> hot.put(r.getString(1), r.getLong(2)));
        JsonPath h = given().auth().oauth2(admin()).when().get("/api/hotspots?unit=" + DISTRICT + "&period=2024-01")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Long> apiHot = new TreeMap<>();
        for (Map<String, Object> row : h.<Map<String, Object>>getList("counts")) {
            apiHot.put(row.get("gridCode") + " " + row.get("category"), ((Number) row.get("cases")).longValue());
        }
        assertThat(apiHot).isEqualTo(hot).isNotEmpty();
    }

    /**
     * Every roll-up row under the district equals the per grid and day rows it stands for (and no row is missing):
     * days of the community, street and district; months and years of those and of the grids.
     */
    void assertRollupsEqualTheDayTables() throws Exception {
        String units = "(VALUES (15), (12), (9), (6)) l(len)";
        String grains = "(VALUES ('D', day), ('M', date_trunc('month', day)::date), ('Y', date_trunc('year', day)::date))"
                + " g(grain, start)";
        String[][] checks = {
                {"kpi", "figure", "sum(numerator)::text || '/' || sum(denominator)",
                        "numerator::text || '/' || denominator", "(g.grain <> 'D' OR l.len < 15)"},
                // histograms: days of the district only, no grids (read from cycle_day)
                {"cycle", "stage || ' ' || bucket", "sum(cases)::text || ' ' || round(sum(seconds)::numeric, 3)",
                        "cases::text || ' ' || round(seconds::numeric, 3)", "(g.grain <> 'D' OR l.len <= 6) AND l.len < 15"},
                {"category", "category || ' ' || source", "sum(cases)::text", "cases::text",
                        "(g.grain <> 'D' OR l.len < 15)"}};
        for (String[] c : checks) {
            String expected = "SELECT left(grid_code, l.len) AS unit, g.grain, g.start, " + c[1] + " AS k, " + c[2]
                    + " AS v FROM escalation." + c[0] + "_day CROSS JOIN " + units + " CROSS JOIN LATERAL " + grains
                    + " WHERE grid_code LIKE '" + DISTRICT + "%' AND " + c[4] + " GROUP BY 1, 2, 3, 4";
            String actual = "SELECT unit, grain::text AS grain, start, " + c[1] + " AS k, " + c[3] + " AS v FROM escalation." + c[0]
                    + "_rollup WHERE unit LIKE '" + DISTRICT + "%'";
            String zero = c[0].equals("kpi") ? "'0/0'" : c[0].equals("cycle") ? "'0 0.000'" : "'0'";
            assertThat(count("SELECT count(*) FROM ((" + expected + ") EXCEPT (" + actual + ")) x WHERE v <> " + zero))
                    .as(c[0] + " rows the roll-ups miss or get wrong").isZero();
            assertThat(count("SELECT count(*) FROM ((" + actual + ") EXCEPT (" + expected + ")) x WHERE v <> " + zero))
                    .as(c[0] + " roll-up rows no day rows stand for").isZero();
        }
    }

    /**
     * The district's roll-up rows that count something (the fold keeps rows netted to 0, a rebuild has none), without
     * a histogram bucket's largest time (a removal does not lower it) and with its seconds to the millisecond (sums
     * of doubles differ in their last bits with the order they were added in).
     */
    List<String> rollupRows() throws Exception {
        List<String> rows = new ArrayList<>();
        String under = " WHERE unit LIKE '" + DISTRICT + "%' AND ";
        query("SELECT concat_ws(' ', unit, grain, start, figure, numerator, denominator) FROM escalation.kpi_rollup"
                + under + "(numerator <> 0 OR denominator <> 0)", r -> rows.add(r.getString(1)));
        query("SELECT concat_ws(' ', unit, grain, start, stage, bucket, cases, round(seconds::numeric, 3)) FROM "
                + "escalation.cycle_rollup" + under + "cases <> 0", r -> rows.add(r.getString(1)));
        query("SELECT concat_ws(' ', unit, grain, start, category, source, cases) FROM escalation.category_rollup"
                + under + "cases <> 0", r -> rows.add(r.getString(1)));
        return rows.stream().sorted().toList();
    }

    interface RowReader {
        void read(ResultSet row) throws Exception;
    }

    void query(String sql, RowReader reader) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                reader.read(rs);
            }
        }
    }

    long count(String sql) throws Exception {
        long[] n = new long[1];
        query(sql, r -> n[0] = r.getLong(1));
        return n[0];
    }

    static String admin() {
        return SharedInfra.get().jwt().token(DemoUser.ADMIN);
    }
}
