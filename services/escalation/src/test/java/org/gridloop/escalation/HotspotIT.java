package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RejectReason;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * 未诉先办 over a hand-made set of reports in street 110105011 (nobody else's), this month and the month before
 * (Asia/Shanghai), at place P (one cell of about 200 m in grid G1) unless said:
 * <pre>
 * H1 G1 litter   resident  last month, closed RESOLVED                      (a closed case still counts)
 * H2 G1 litter   resident  this month; a grid worker claims it after 30 min  (first contact 30 min)
 * H3 G1 litter   patrol    this month
 * H4 G1 other    open311   this month, accepted as litter                    (the accepted category counts)
 * H5 G1 litter   resident  this month, rejected                              (left out everywhere)
 * H6 G1 noise    resident  this month; whistled, no rule matched (兜底), a department reports in after 20 min
 * H7 G2 litter   resident  this month, at another place; the grid worker blows the whistle after 10 min; a rule matched
 * H8 G1 litter   resident  this month, a duplicate merged into H2             (a repeated report counts)
 * H9 G1 litter   proactive this month, a supervisor's proactive case linking H1 and H2
 *
 * repeated, min 3:   P/litter: H1 H2 H3 H4 H8, 5 cases, 1 closed, proactive case H9; nothing else (H9 itself is not
 *                    a report of the problem)
 * this month:        (G1, litter) 5 (resident 2, patrol 1, open311 1, proactive 1), month before 1; (G1, noise) 1,
 *                    before 0; (G2, litter) 1, before 0
 * months:            last month litter 1; this month litter 6, noise 1
 * 巡查发现率 G1 this month: patrol / reported, merged, rejected and proactive out = H3 / H2 H3 H4 H6 = 1/4
 * 兜底率 street this month: fallback / whistled = H6 / H6 H7 = 1/2
 * first contact street this month: 600 s, 1 200 s, 1 800 s → 3 cases, p50 PT20M, max PT30M
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class HotspotIT {

    static final String STREET = "110105011";
    static final String G1 = "110105011001001";
    static final String G2 = "110105011001002";
    static final RequestEvents.Location P = new RequestEvents.Location(39.9101, 116.4101, "朝外大街 1 号");
    static final RequestEvents.Location P_NEAR = new RequestEvents.Location(39.9105, 116.4106, "朝外大街 3 号");
    static final RequestEvents.Location ELSEWHERE = new RequestEvents.Location(39.95, 116.45, null);
    static final Actor RESIDENT = new Actor("alice", "resident");
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    static final String H1 = "HOT-1-" + SUFFIX;
    static final String H2 = "HOT-2-" + SUFFIX;
    static final String H3 = "HOT-3-" + SUFFIX;
    static final String H4 = "HOT-4-" + SUFFIX;
    static final String H5 = "HOT-5-" + SUFFIX;
    static final String H6 = "HOT-6-" + SUFFIX;
    static final String H7 = "HOT-7-" + SUFFIX;
    static final String H8 = "HOT-8-" + SUFFIX;
    static final String H9 = "HOT-9-" + SUFFIX;
    static final YearMonth THIS_MONTH = YearMonth.now(FactChanges.ZONE);
    /** 10:00 in Shanghai on this month's first day, and on the 10th of the month before. */
    static final Instant NOW = THIS_MONTH.atDay(1).atTime(LocalTime.of(10, 0)).atZone(FactChanges.ZONE).toInstant();
    static final Instant BEFORE = THIS_MONTH.minusMonths(1).atDay(10).atTime(LocalTime.of(10, 0))
            .atZone(FactChanges.ZONE).toInstant();
    static final List<CloudEvent<?>> ALL = new ArrayList<>();
    static EventTopics events;

    @BeforeAll
    static void producer() {
        events = EventTopics.producer();
    }

    @AfterAll
    static void close() {
        events.close();
    }

    static synchronized void theReports() {
        if (!ALL.isEmpty()) {
            return;
        }
        report(H1, "resident", "litter", P, BEFORE);
        add(EventTypes.REQUEST_ACCEPTED, H1, BEFORE.plusSeconds(60), new RequestEvents.Accepted(H1, "litter", G1));
        add(EventTypes.REQUEST_CLOSED, H1, BEFORE.plusSeconds(7200),
                new RequestEvents.Closed(H1, CaseOutcome.RESOLVED, 5));

        report(H2, "resident", "litter", P_NEAR, NOW);
        add(EventTypes.REQUEST_ACCEPTED, H2, NOW.plusSeconds(60), new RequestEvents.Accepted(H2, "litter", G1));
        add(EventTypes.REQUEST_CLAIMED, H2, NOW.plus(Duration.ofMinutes(30)),
                new RequestEvents.Claimed(H2, G1, "wang"));

        report(H3, "patrol", "litter", P, NOW.plusSeconds(120));
        report(H4, "open311", "other", P, NOW.plusSeconds(180));
        add(EventTypes.REQUEST_ACCEPTED, H4, NOW.plusSeconds(3600), new RequestEvents.Accepted(H4, "litter", G1));
        report(H5, "resident", "litter", P, NOW.plusSeconds(240));
        add(EventTypes.REQUEST_REJECTED, H5, NOW.plusSeconds(600),
                new RequestEvents.Rejected(H5, RejectReason.SPAM, null));
        add(EventTypes.REQUEST_CLOSED, H5, NOW.plusSeconds(600), new RequestEvents.Closed(H5, CaseOutcome.REJECTED,
                null));

        Instant h6 = NOW.plusSeconds(300);
        report(H6, "resident", "noise", P, h6);
        add(EventTypes.REQUEST_ACCEPTED, H6, h6.plusSeconds(60), new RequestEvents.Accepted(H6, "noise", G1));
        add(EventTypes.REQUEST_WHISTLED, H6, h6.plusSeconds(120),
                new RequestEvents.Whistled(H6, 1, "noise", "x", P, G1, "rule"));
        add(EventTypes.DISPATCH_STARTED, H6, h6.plusSeconds(180), new DispatchEvents.Started(H6, 1, "noise", G1,
                "110105", true, List.of(new DispatchEvents.CalledDepartment("district-110105", "lead",
                h6.plus(Duration.ofHours(1)), h6.plus(Duration.ofDays(1))))));
        add(EventTypes.DISPATCH_REPORTED_IN, H6, h6.plus(Duration.ofMinutes(20)),
                new DispatchEvents.ReportedIn(H6, 1, "district-110105"));

        Instant h7 = NOW.plusSeconds(360);
        report(H7, "resident", "litter", ELSEWHERE, h7, G2);
        add(EventTypes.REQUEST_ACCEPTED, H7, h7.plusSeconds(60), new RequestEvents.Accepted(H7, "litter", G2));
        add(EventTypes.REQUEST_WHISTLE_BLOWN, H7, h7.plus(Duration.ofMinutes(10)),
                new RequestEvents.WhistleBlown(H7, G2, "wang", "needs a department"));
        add(EventTypes.REQUEST_WHISTLED, H7, h7.plus(Duration.ofMinutes(11)),
                new RequestEvents.Whistled(H7, 1, "litter", "x", ELSEWHERE, G2, "rule"));
        add(EventTypes.DISPATCH_STARTED, H7, h7.plus(Duration.ofMinutes(12)), new DispatchEvents.Started(H7, 1,
                "litter", G2, "110105", false, List.of(new DispatchEvents.CalledDepartment("urban-management",
                "lead", h7.plus(Duration.ofHours(1)), h7.plus(Duration.ofDays(1))))));

        add(EventTypes.REQUEST_MERGED, H8, NOW.plusSeconds(420),
                new RequestEvents.Merged(H8, H2, G1, "litter", "resident", P));
        Instant h9 = NOW.plus(Duration.ofHours(2));
        add(EventTypes.REQUEST_SUBMITTED, H9, h9, new RequestEvents.Submitted(H9, "proactive", "litter", "x", P, G1,
                List.of(), false, h9, null, List.of(H1, H2)));

        ALL.forEach(events::send);
        TestEvents.awaitOnTimelines(List.of(H1, H2, H3, H4, H5, H6, H7, H8, H9), ALL);
    }

    static void report(String id, String source, String category, RequestEvents.Location where, Instant at) {
        report(id, source, category, where, at, G1);
    }

    static void report(String id, String source, String category, RequestEvents.Location where, Instant at,
                       String grid) {
        add(EventTypes.REQUEST_SUBMITTED, id, at, new RequestEvents.Submitted(id, source, category, "x", where, grid,
                List.of(), false, at));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void add(EventType<?> type, String id, Instant at, Object payload) {
        ALL.add(TestEvents.event((EventType) type, id, RESIDENT, at, payload));
    }

    static String admin() {
        return SharedInfra.get().jwt().token(DemoUser.ADMIN);
    }

    static JsonPath get(DemoUser who, String path) {
        return given().auth().oauth2(SharedInfra.get().jwt().token(who)).when().get(path).then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void repeatedReportsAtOnePlaceAreFlaggedWithTheirCasesClosedOnesIncluded() {
        theReports();
        JsonPath repeated = get(DemoUser.ADMIN, "/api/hotspots/repeated?unit=" + STREET);
        assertThat(repeated.getInt("min")).isEqualTo(3);
        assertThat(repeated.getList("places")).hasSize(1);
        assertThat(repeated.getString("places[0].category")).isEqualTo("litter");
        assertThat(repeated.getString("places[0].gridCode")).isEqualTo(G1);
        assertThat(repeated.getLong("places[0].cases")).isEqualTo(5);
        assertThat(repeated.getLong("places[0].closed")).isEqualTo(1);
        assertThat(repeated.getList("places[0].requestIds", String.class))
                .containsExactlyInAnyOrder(H1, H2, H3, H4, H8);
        assertThat(repeated.getList("places[0].proactiveRequestIds", String.class)).containsExactly(H9);
        // the cell's centre is within the cell: 200 m of the reports
        assertThat(repeated.getDouble("places[0].latitude")).isCloseTo(39.91, org.assertj.core.data.Offset.offset(0.002));
        assertThat(repeated.getDouble("places[0].longitude")).isCloseTo(116.41, org.assertj.core.data.Offset.offset(0.002));

        // five reports: with min 6 nothing is flagged, with min 2 still only that place (noise has one report)
        assertThat(get(DemoUser.ADMIN, "/api/hotspots/repeated?unit=" + STREET + "&min=6").getList("places")).isEmpty();
        assertThat(get(DemoUser.ADMIN, "/api/hotspots/repeated?unit=" + STREET + "&min=2").getList("places"))
                .hasSize(1);
        // a grid's view sees the place, the other grid's does not
        assertThat(get(DemoUser.ADMIN, "/api/hotspots/repeated?unit=" + G2).getList("places")).isEmpty();
    }

    /**
     * A street's, a district's and the city's repeated places over the default window are served as counted by the
     * chore, and counted again in their time: three road reports at Q in street 110105014 (nobody else's) show at
     * once in its community's list (counted when asked) and in the district's only once the chore has counted it
     * again, and in the street's then (served as counted); a list older than its maximum age, or another window, is
     * counted when asked.
     */
    @Test
    void aDistrictsAndTheCitysRepeatedPlacesAreServedAsCountedAndCountedAgainInTheirTime() throws Exception {
        theReports();
        String district = "/api/hotspots/repeated?unit=110105";
        assertThat(repeatedPlaces.countAll()).isPositive();
        JsonPath counted = get(DemoUser.ADMIN, district);
        assertThat(counted.getString("countedAt")).isNotNull();
        assertThat(placesAt(counted, STREET)).containsExactly("litter 5 [" + H9 + "]");

        String street = "110105014";
        String grid = street + "001001";
        RequestEvents.Location q = new RequestEvents.Location(39.93, 116.43, "工体北路 8 号");
        List<CloudEvent<?>> more = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String id = "HOT-Q" + i + "-" + SUFFIX;
            ids.add(id);
            Instant at = NOW.plus(Duration.ofMinutes(10L * i));
            more.add(TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, RESIDENT, at,
                    new RequestEvents.Submitted(id, "resident", "road", "x", q, grid, List.of(), false, at)));
        }
        more.forEach(events::send);
        TestEvents.awaitOnTimelines(ids, more);
        assertThat(placesAt(get(DemoUser.ADMIN, "/api/hotspots/repeated?unit=" + street + "001"), street))
                .as("a community's list is counted when asked").containsExactly("road 3 []");
        assertThat(placesAt(get(DemoUser.ADMIN, district), street)).as("served as counted before the reports")
                .isEmpty();
        // counted now by an operator (what the chore does in its time); a supervisor may not
        given().auth().oauth2(SharedInfra.get().jwt().token(DemoUser.DISTRICT_SUPERVISOR)).when()
                .post("/api/admin/repeated-places").then().statusCode(403);
        assertThat(given().auth().oauth2(SharedInfra.get().jwt().token(DemoUser.ADMIN)).when()
                .post("/api/admin/repeated-places").then().statusCode(200).extract().jsonPath().getInt("lists"))
                .isPositive();
        JsonPath again = get(DemoUser.ADMIN, district);
        assertThat(placesAt(again, street)).containsExactly("road 3 []");
        JsonPath ownStreet = get(DemoUser.ADMIN, "/api/hotspots/repeated?unit=" + street);
        assertThat(ownStreet.getString("countedAt")).as("a street's list is served as counted").isNotNull();
        assertThat(placesAt(ownStreet, street)).containsExactly("road 3 []");
        JsonPath city = get(DemoUser.ADMIN, "/api/hotspots/repeated?unit=110100");
        assertThat(city.getString("countedAt")).isNotNull();
        assertThat(placesAt(city, street)).containsExactly("road 3 []");

        // another window, and a list past its maximum age: counted when asked
        assertThat(get(DemoUser.ADMIN, district + "&min=2").getString("countedAt")).isNull();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE escalation.repeated_place_list SET counted_at = counted_at - interval '31 minutes'");
        }
        JsonPath stale = get(DemoUser.ADMIN, district);
        assertThat(stale.getString("countedAt")).isNull();
        assertThat(placesAt(stale, street)).containsExactly("road 3 []");
    }

    /** The places of a list in grids under {@code prefix}: category, cases and proactive cases. */
    static List<String> placesAt(JsonPath list, String prefix) {
        List<Map<String, Object>> places = list.getList("places");
        return places.stream().filter(p -> ((String) p.get("gridCode")).startsWith(prefix))
                .map(p -> p.get("category") + " " + p.get("cases") + " " + p.get("proactiveRequestIds")).toList();
    }

    @jakarta.inject.Inject
    org.gridloop.escalation.application.RepeatedPlaces repeatedPlaces;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void reportsAreCountedPerGridCategoryAndSourceWithTheMonthBefore() {
        theReports();
        JsonPath counts = get(DemoUser.ADMIN, "/api/hotspots?unit=" + STREET + "&period=" + THIS_MONTH);
        assertThat(counts.getString("previousFrom")).isEqualTo(THIS_MONTH.minusMonths(1).atDay(1).toString());
        List<Map<String, Object>> rows = counts.getList("counts");
        assertThat(rows).extracting(r -> r.get("gridCode") + "/" + r.get("category") + "=" + r.get("cases") + "<"
                        + r.get("previous"))
                .containsExactly(G1 + "/litter=5<1", G1 + "/noise=1<0", G2 + "/litter=1<0");
        assertThat(rows.get(0)).containsEntry("resident", 2).containsEntry("patrol", 1).containsEntry("open311", 1)
                .containsEntry("proactive", 1);

        JsonPath months = get(DemoUser.ADMIN, "/api/hotspots/months?unit=" + STREET + "&months=2");
        assertThat(months.getList("months", Map.class)).extracting(m -> m.get("month") + "/" + m.get("category") + "="
                + m.get("cases")).containsExactly(THIS_MONTH.minusMonths(1) + "/litter=1", THIS_MONTH + "/litter=6",
                THIS_MONTH + "/noise=1");
    }

    @Test
    void patrolShareFallbackShareAndFirstContactAreFigures() {
        theReports();
        JsonPath grid = get(DemoUser.ADMIN, "/api/kpis?unit=" + G1 + "&period=" + THIS_MONTH);
        EvaluationIT.assertFigure(grid, "PATROL_FOUND", 1, 4L, "0.25");
        JsonPath street = get(DemoUser.ADMIN, "/api/kpis?unit=" + STREET + "&period=" + THIS_MONTH);
        EvaluationIT.assertFigure(street, "FALLBACK", 1, 2L, "0.5");
        String contact = "cycleTimes.find { it.stage == 'FIRST_CONTACT' }";
        assertThat(street.getLong(contact + ".cases")).isEqualTo(3);
        assertThat(street.getString(contact + ".p50")).isEqualTo("PT20M");
        assertThat(street.getString(contact + ".max")).isEqualTo("PT30M");
    }

    @Test
    void supervisorsSeeHotspotsUnderTheirUnitOnly() {
        theReports();
        String liu = SharedInfra.get().jwt().token(DemoUser.STREET_SUPERVISOR);
        given().auth().oauth2(liu).when().get("/api/hotspots/repeated?unit=" + STREET).then().statusCode(403);
        given().auth().oauth2(liu).when().get("/api/hotspots?unit=" + G1).then().statusCode(403);
        // by default their own street: none of this street's reports
        assertThat(get(DemoUser.STREET_SUPERVISOR, "/api/hotspots/repeated?days=730&min=2")
                .getList("places.requestIds.flatten()", String.class)).doesNotContain(H1, H2, H3, H4, H8);
        // the district sees them
        assertThat(get(DemoUser.DISTRICT_SUPERVISOR, "/api/hotspots/repeated")
                .getList("places.requestIds.flatten()", String.class)).contains(H1, H2, H3, H4, H8);
        String resident = SharedInfra.get().jwt().token(DemoUser.RESIDENT);
        given().auth().oauth2(resident).when().get("/api/hotspots").then().statusCode(403);
        given().auth().oauth2(SharedInfra.get().jwt().token(DemoUser.GRID_WORKER)).when().get("/api/hotspots")
                .then().statusCode(403);
        for (String bad : List.of("/repeated?unit=abc", "/repeated?unit=S&days=0", "/repeated?unit=S&days=731",
                "/repeated?unit=S&min=1", "/months?unit=S&months=0", "/months?unit=S&months=37",
                "?unit=S&period=2026-13", "?unit=1101", "?period=" + THIS_MONTH)) {
            given().auth().oauth2(admin()).when().get("/api/hotspots" + bad.replace("unit=S", "unit=" + STREET))
                    .then().statusCode(400);
        }
        // a number that is no number: 400 naming the parameter (JAX-RS alone answers 404, as if no such resource)
        for (String[] bad : List.of(new String[] {"/repeated?days=abc", "days"},
                new String[] {"/repeated?days=30&min=1.5", "min"},
                new String[] {"/months?months=99999999999", "months"})) {
            given().auth().oauth2(admin()).when().get("/api/hotspots" + bad[0] + "&unit=" + STREET)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo(bad[1]));
        }
        given().auth().oauth2(admin()).when().get("/api/hotspots/no-such-view?days=abc").then().statusCode(404);
    }
}
