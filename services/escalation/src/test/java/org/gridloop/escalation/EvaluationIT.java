package org.gridloop.escalation;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RejectReason;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.escalation.repository.Aggregates;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * The evaluation figures of a hand-computed set of cases in street 110105009 on 2025-03-10 (Asia/Shanghai):
 * <pre>
 * A grid 110105009001001  routed to the grid (due +1d), handled +2h, rated 5, closed RESOLVED         on time
 * B grid 110105009001001  whistled; water called (report-in due +55m, resolve due +4h), reported in +40m (on time),
 *                         resolved +3h, rated 1 → reopened (返工 #1), resolved again +3h50m, rated 4, RESOLVED on time
 * C grid 110105009001002  whistled; water and housing called (report-in due +30m, resolve due +1d): water reports in
 *                         +20m (on time), housing +50m (late); resolved +2d (late), rated 2, closed UNSATISFIED   overdue
 * D grid 110105009002001  routed to the grid (due +1h), never handled, still open; escalated once        overdue, open
 * E grid 110105009001001  rejected (never accepted), closed REJECTED
 * F grid 110105009002001  accepted, never rated; the return visit (回访) reached nobody: closed NOT_EVALUATED, no due
 * G grid 110105009001001  a duplicate merged into A (never accepted); its own reporter, asked when A was handled, rates 4
 *
 * 响应率      reported in on time / called        = B.water, C.water / B.water, C.water, C.housing   = 2/3
 * 解决率      RESOLVED / accepted, not evaluated out = A, B / A, B, C, D                             = 2/4
 * 满意率      last rating ≥ 3 / rated             = A(5), B(4), G(4) / A, B, C(2), G                 = 3/4
 * 按期结案率  finished ≤ due / closed with a due  = A, B / A, B, C                                   = 2/3
 * 返工率      reopened / rated, merged out        = B / A, B, C                                      = 1/3
 * 上提次数    escalations raised                  = D                                                = 1
 * 未评价率    NOT_EVALUATED / closed after handling = F / A, B, C, F                                   = 1/4
 * acceptance cycle time: every accepted case 10 minutes after submission → p50 = p90 = max = PT10M over 5 cases
 * department water: 响应率 2/2
 * </pre>
 * Then: the same events again change nothing; a rebuild from the topics gives identical figures; and supervisors
 * see only what is under their unit.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvaluationIT {

    static final String STREET = "110105009";
    static final String G1 = "110105009001001";
    static final String G2 = "110105009001002";
    static final String G3 = "110105009002001";
    static final String DAY = "2025-03-10";
    static final Instant T0 = Instant.parse("2025-03-10T01:00:00Z"); // 09:00 in Shanghai
    static final RequestEvents.Location LOCATION = new RequestEvents.Location(39.9, 116.4, null);
    static final Actor RESIDENT = new Actor("alice", "resident");
    static final Actor SYSTEM = Actor.SYSTEM;

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    static final String A = "KPI-A-" + SUFFIX;
    static final String B = "KPI-B-" + SUFFIX;
    static final String C = "KPI-C-" + SUFFIX;
    static final String D = "KPI-D-" + SUFFIX;
    static final String E = "KPI-E-" + SUFFIX;
    static final String F = "KPI-F-" + SUFFIX;
    static final String G = "KPI-G-" + SUFFIX;
    static final List<CloudEvent<?>> ALL = new ArrayList<>();
    static EventTopics events;
    static String expectedFigures;

    @BeforeAll
    static void producer() {
        events = EventTopics.producer();
    }

    /** Sends the cases once (REST Assured knows the port only inside a test) and waits until they are applied. */
    static synchronized void theCases() {
        if (!ALL.isEmpty()) {
            return;
        }
        Instant a = T0;
        add(EventTypes.REQUEST_SUBMITTED, A, RESIDENT, a, submitted(A, G1, a));
        add(EventTypes.REQUEST_ACCEPTED, A, SYSTEM, a.plus(m(10)), new RequestEvents.Accepted(A, "litter", G1));
        add(EventTypes.REQUEST_ROUTED_TO_GRID, A, SYSTEM, a.plus(m(20)),
                new RequestEvents.RoutedToGrid(A, G1, a.plus(Duration.ofDays(1))));
        add(EventTypes.REQUEST_HANDLED_ON_SITE, A, TestEvents.WORKER, a.plus(h(2)),
                new RequestEvents.HandledOnSite(A, G1, "cleaned", List.of()));
        add(EventTypes.REQUEST_FEEDBACK_REQUESTED, A, SYSTEM, a.plus(h(2)).plus(m(1)),
                new RequestEvents.FeedbackRequested(A, "grid"));
        add(EventTypes.REQUEST_RATED, A, RESIDENT, a.plus(h(3)), new RequestEvents.Rated(A, 5, null));
        add(EventTypes.REQUEST_CLOSED, A, SYSTEM, a.plus(h(3)).plus(m(1)), new RequestEvents.Closed(A, CaseOutcome.RESOLVED, 5));

        Instant b = T0.plus(h(1));
        add(EventTypes.REQUEST_SUBMITTED, B, RESIDENT, b, submitted(B, G1, b));
        add(EventTypes.REQUEST_ACCEPTED, B, SYSTEM, b.plus(m(10)), new RequestEvents.Accepted(B, "litter", G1));
        add(EventTypes.REQUEST_WHISTLED, B, TestEvents.WORKER, b.plus(m(20)),
                new RequestEvents.Whistled(B, 1, "litter", "x", LOCATION, G1, "rule"));
        add(EventTypes.DISPATCH_STARTED, B, SYSTEM, b.plus(m(25)), new DispatchEvents.Started(B, 1, "litter", G1,
                "110105", false, List.of(new DispatchEvents.CalledDepartment("water", "lead", b.plus(m(55)),
                b.plus(h(4))))));
        add(EventTypes.DISPATCH_REPORTED_IN, B, new Actor("zhao", "department"), b.plus(m(40)),
                new DispatchEvents.ReportedIn(B, 1, "water"));
        add(EventTypes.DISPATCH_ANSWERED, B, new Actor("zhao", "department"), b.plus(h(3)),
                new DispatchEvents.Answered(B, 1, "water", AnswerResult.FIXED, "done"));
        add(EventTypes.DISPATCH_RESOLVED, B, SYSTEM, b.plus(h(3)), new DispatchEvents.Resolved(B, 1,
                List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "done"))));
        add(EventTypes.REQUEST_FEEDBACK_REQUESTED, B, SYSTEM, b.plus(h(3)).plus(m(5)),
                new RequestEvents.FeedbackRequested(B, "water"));
        add(EventTypes.REQUEST_RATED, B, RESIDENT, b.plus(h(3)).plus(m(20)), new RequestEvents.Rated(B, 1, null));
        add(EventTypes.REQUEST_REOPENED, B, RESIDENT, b.plus(h(3)).plus(m(20)),
                new RequestEvents.Reopened(B, 1, "still dirty"));
        add(EventTypes.DISPATCH_RESOLVED, B, SYSTEM, b.plus(h(3)).plus(m(50)), new DispatchEvents.Resolved(B, 2,
                List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "again"))));
        add(EventTypes.REQUEST_RATED, B, RESIDENT, b.plus(h(5)), new RequestEvents.Rated(B, 4, null));
        add(EventTypes.REQUEST_CLOSED, B, SYSTEM, b.plus(h(5)).plus(m(1)), new RequestEvents.Closed(B, CaseOutcome.RESOLVED, 4));

        Instant c = T0.plus(h(2));
        add(EventTypes.REQUEST_SUBMITTED, C, RESIDENT, c, submitted(C, G2, c));
        add(EventTypes.REQUEST_ACCEPTED, C, SYSTEM, c.plus(m(10)), new RequestEvents.Accepted(C, "litter", G2));
        add(EventTypes.REQUEST_WHISTLED, C, TestEvents.WORKER, c.plus(m(15)),
                new RequestEvents.Whistled(C, 1, "litter", "x", LOCATION, G2, "rule"));
        add(EventTypes.DISPATCH_STARTED, C, SYSTEM, c.plus(m(16)), new DispatchEvents.Started(C, 1, "litter", G2,
                "110105", false, List.of(
                new DispatchEvents.CalledDepartment("water", "lead", c.plus(m(46)), c.plus(Duration.ofDays(1))),
                new DispatchEvents.CalledDepartment("housing", "co", c.plus(m(46)), c.plus(Duration.ofDays(1))))));
        add(EventTypes.DISPATCH_REPORTED_IN, C, new Actor("zhao", "department"), c.plus(m(36)),
                new DispatchEvents.ReportedIn(C, 1, "water"));
        add(EventTypes.DISPATCH_REPORTED_IN, C, new Actor("zhou", "department"), c.plus(m(66)),
                new DispatchEvents.ReportedIn(C, 1, "housing"));
        add(EventTypes.DISPATCH_RESOLVED, C, SYSTEM, c.plus(Duration.ofDays(2)), new DispatchEvents.Resolved(C, 1,
                List.of()));
        add(EventTypes.REQUEST_RATED, C, RESIDENT, c.plus(Duration.ofDays(2)).plus(h(1)),
                new RequestEvents.Rated(C, 2, null));
        add(EventTypes.REQUEST_CLOSED, C, SYSTEM, c.plus(Duration.ofDays(2)).plus(h(2)),
                new RequestEvents.Closed(C, CaseOutcome.UNSATISFIED, 2));

        Instant d = T0.plus(h(3));
        add(EventTypes.REQUEST_SUBMITTED, D, RESIDENT, d, submitted(D, G3, d));
        add(EventTypes.REQUEST_ACCEPTED, D, SYSTEM, d.plus(m(10)), new RequestEvents.Accepted(D, "litter", G3));
        add(EventTypes.REQUEST_ROUTED_TO_GRID, D, SYSTEM, d.plus(m(20)),
                new RequestEvents.RoutedToGrid(D, G3, d.plus(h(1))));
        add(EventTypes.ESCALATION_RAISED, D, SYSTEM, d.plus(h(2)), new EscalationEvents.Raised(D, "ESC-" + D,
                "GRID_HANDLING_MISSED", null, G3, "COMMUNITY", "110105009002", d.plus(h(6))));

        Instant e = T0.plus(h(4));
        add(EventTypes.REQUEST_SUBMITTED, E, RESIDENT, e, submitted(E, G1, e));
        add(EventTypes.REQUEST_REJECTED, E, SYSTEM, e.plus(m(5)), new RequestEvents.Rejected(E, RejectReason.SPAM, null));
        add(EventTypes.REQUEST_CLOSED, E, SYSTEM, e.plus(m(6)), new RequestEvents.Closed(E, CaseOutcome.REJECTED, null));

        // F: handled, never rated, nobody reached by the return visit (回访): closed NOT_EVALUATED, no due time
        Instant f = T0.plus(h(5));
        add(EventTypes.REQUEST_SUBMITTED, F, RESIDENT, f, submitted(F, G3, f));
        add(EventTypes.REQUEST_ACCEPTED, F, SYSTEM, f.plus(m(10)), new RequestEvents.Accepted(F, "litter", G3));
        add(EventTypes.REQUEST_RETURN_VISIT_REQUESTED, F, SYSTEM, f.plus(h(2)),
                new RequestEvents.ReturnVisitRequested(F, G3, f.plus(h(26))));
        add(EventTypes.REQUEST_RETURN_VISITED, F, TestEvents.WORKER, f.plus(h(3)),
                new RequestEvents.ReturnVisited(F, G3, "wang", false, null, null));
        add(EventTypes.REQUEST_CLOSED, F, SYSTEM, f.plus(h(3)), new RequestEvents.Closed(F, CaseOutcome.NOT_EVALUATED,
                null));

        // G: a duplicate merged into A; its own reporter is asked when A is handled and rates 4 (on their own)
        Instant g = T0.plus(h(1)).plus(m(30));
        add(EventTypes.REQUEST_MERGED, G, RESIDENT, g, new RequestEvents.Merged(G, A, G1));
        add(EventTypes.REQUEST_FEEDBACK_REQUESTED, G, SYSTEM, a.plus(h(2)).plus(m(1)),
                new RequestEvents.FeedbackRequested(G, "grid"));
        add(EventTypes.REQUEST_RATED, G, RESIDENT, a.plus(h(4)), new RequestEvents.Rated(G, 4, null));
        ALL.forEach(events::send);
        awaitApplied(ALL.stream().map(CloudEvent::id).toList());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    static void add(org.gridloop.contracts.EventType<?> type, String id, Actor actor, Instant at, Object payload) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        CloudEvent<?> event = TestEvents.event((org.gridloop.contracts.EventType) type, id, actor, at, payload);
        ALL.add(event);
    }

    static RequestEvents.Submitted submitted(String id, String grid, Instant at) {
        return new RequestEvents.Submitted(id, "resident", "litter", "垃圾", LOCATION, grid, List.of(), false, at);
    }

    static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Duration h(long hours) {
        return Duration.ofHours(hours);
    }

    static String admin() {
        return SharedInfra.get().jwt().token(DemoUser.ADMIN);
    }

    /** Every case's timeline holds the given events (the same transaction applied their figures). */
    static void awaitApplied(List<String> eventIds) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> seen = new ArrayList<>();
            for (String id : List.of(A, B, C, D, E, F, G)) {
                JsonPath timeline = given().auth().oauth2(admin()).when().get("/api/cases/" + id + "/timeline")
                        .then().extract().jsonPath();
                List<String> ids = timeline.getList("entries.eventId", String.class);
                if (ids != null) {
                    seen.addAll(ids);
                }
            }
            assertThat(seen).containsAll(eventIds);
        });
    }

    static JsonPath figures(String unit) {
        return given().auth().oauth2(admin()).when().get("/api/kpis?unit=" + unit + "&from=" + DAY + "&to=" + DAY)
                .then().statusCode(200).extract().jsonPath();
    }

    static String snapshot() {
        StringBuilder all = new StringBuilder();
        for (String unit : List.of(STREET, "110105009001", "110105009002", G1, "water", "housing")) {
            JsonPath f = figures(unit);
            all.append(unit).append(f.getList("figures").toString()).append(f.getList("cycleTimes").toString());
        }
        all.append(given().auth().oauth2(admin()).when().get("/api/audit/rankings?level=community&period=" + DAY)
                .then().statusCode(200).extract().asString());
        return all.toString();
    }

    static void assertFigure(JsonPath f, String figure, long numerator, Long denominator, String value) {
        String path = "figures.find { it.figure == '" + figure + "' }";
        assertThat(f.getLong(path + ".numerator")).as(figure + " numerator").isEqualTo(numerator);
        if (denominator == null) {
            assertThat(f.getString(path + ".denominator")).as(figure + " denominator").isNull();
        } else {
            assertThat(f.getLong(path + ".denominator")).as(figure + " denominator").isEqualTo(denominator);
        }
        assertThat(f.getString(path + ".value")).as(figure + " value").isEqualTo(value);
        // the figure's name and formula are the pages' to word, by its code: the service sends codes and values
        assertThat(f.getMap(path).keySet()).as(figure + " fields")
                .containsExactlyInAnyOrder("figure", "label", "value", "numerator", "denominator");
    }

    @Test
    @Order(1)
    void theFiguresOfTheHandComputedCasesMatchExactly() {
        theCases();
        JsonPath street = figures(STREET);
        assertThat(street.getString("level")).isEqualTo("STREET");
        assertFigure(street, "RESPONSE", 2, 3L, "0.6667");
        assertFigure(street, "RESOLUTION", 2, 4L, "0.5");
        assertFigure(street, "SATISFACTION", 3, 4L, "0.75");
        assertFigure(street, "ON_TIME", 2, 3L, "0.6667");
        assertFigure(street, "REWORK", 1, 3L, "0.3333");
        assertFigure(street, "ESCALATIONS", 1, null, "1");
        assertFigure(street, "NOT_EVALUATED", 1, 4L, "0.25");
        String acceptance = "cycleTimes.find { it.stage == 'ACCEPTANCE' }";
        assertThat(street.getLong(acceptance + ".cases")).isEqualTo(5);
        assertThat(street.getString(acceptance + ".p50")).isEqualTo("PT10M");
        assertThat(street.getString(acceptance + ".p90")).isEqualTo("PT10M");
        assertThat(street.getString(acceptance + ".max")).isEqualTo("PT10M");
        String closing = "cycleTimes.find { it.stage == 'CLOSING' }";
        assertThat(street.getLong(closing + ".cases")).isEqualTo(5); // A, B, C, the rejected E, the unrated F
        assertThat(street.getString(closing + ".max")).isEqualTo("PT50H");
        assertThat(street.getMap(closing).keySet()).as("a cycle time's fields: its definition is the pages' to word")
                .containsExactlyInAnyOrder("stage", "label", "cases", "p50", "p90", "max", "p50Seconds",
                        "p90Seconds", "maxSeconds");

        JsonPath community = figures("110105009002");
        assertFigure(community, "RESOLUTION", 0, 1L, "0.0");
        assertFigure(community, "SATISFACTION", 0, 0L, null);
        assertFigure(community, "NOT_EVALUATED", 1, 1L, "1.0");
        assertFigure(community, "ESCALATIONS", 1, null, "1");

        JsonPath water = figures("water");
        assertThat(water.getString("level")).isEqualTo("DEPARTMENT");
        assertFigure(water, "RESPONSE", 2, 2L, "1.0");
        assertFigure(figures("housing"), "RESPONSE", 0, 1L, "0.0");

        // the month aggregates the days: the same cases
        JsonPath month = given().auth().oauth2(admin()).when().get("/api/kpis?unit=" + STREET + "&period=2025-03")
                .then().statusCode(200).extract().jsonPath();
        assertFigure(month, "SATISFACTION", 3, 4L, "0.75");

        given().auth().oauth2(admin()).when().get("/api/audit/rankings?level=community&period=" + DAY)
                .then().statusCode(200).body("units[0].unit", equalTo("110105009001"))
                .body("units[0].rank", equalTo(1));
        given().auth().oauth2(admin()).when().get("/api/audit/overdue")
                .then().statusCode(200).body("requestId", hasItem(D)).body("requestId", not(hasItem(A)));
        String csv = given().auth().oauth2(admin()).when().get("/api/audit/cases.csv?unit=" + STREET + "&period=" + DAY)
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(csv).startsWith("\uFEFFrequest_id,grid_code,day");
        assertThat(csv.lines().count()).isEqualTo(8); // the header and A to G
        String kpis = given().auth().oauth2(admin()).when().get("/api/audit/kpis.csv?unit=" + STREET + "&period=" + DAY)
                .then().statusCode(200).extract().asString();
        assertThat(kpis).contains("SATISFACTION,满意率,0.7500,3,4,");
        assertThat(kpis).contains("NOT_EVALUATED,未评价率,0.2500,1,4,");
        expectedFigures = snapshot();
    }

    @Test
    @Order(2)
    void theSameEventsDeliveredAgainChangeNothing() {
        theCases();
        String before = snapshot();
        ALL.forEach(events::send);
        // markers after the repeats, on every case's key and both topics: once they are applied, so are the repeats
        List<String> markers = new ArrayList<>();
        for (String id : List.of(A, B, C, D, E, F, G)) {
            // (an unclaim changes no fact; a claim would: it is a first contact)
            CloudEvent<?> claimed = TestEvents.event(EventTypes.REQUEST_UNCLAIMED, id, TestEvents.WORKER,
                    T0.plus(h(1)), new RequestEvents.Unclaimed(id, G1, "wang"));
            CloudEvent<?> progressed = TestEvents.event(EventTypes.DISPATCH_PROGRESSED, id, SYSTEM, T0.plus(h(1)),
                    new DispatchEvents.Progressed(id, 9, "none", null));
            events.send(claimed);
            events.send(progressed);
            markers.add(claimed.id());
            markers.add(progressed.id());
        }
        awaitApplied(markers);
        assertThat(snapshot()).isEqualTo(before);
        expectedFigures = before;
    }

    @Test
    @Order(3)
    void aRebuildFromTheTopicsGivesIdenticalFigures() {
        theCases();
        String before = snapshot();
        given().auth().oauth2(SharedInfra.get().jwt().token(DemoUser.DISTRICT_SUPERVISOR)).when()
                .post("/api/admin/rebuild").then().statusCode(403);
        given().auth().oauth2(admin()).when().post("/api/admin/rebuild").then().statusCode(202);
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                given().auth().oauth2(admin()).when().get("/api/admin/rebuild")
                        .then().statusCode(200).body("state", equalTo("DONE")));
        assertThat(snapshot()).isEqualTo(before);
        given().auth().oauth2(admin()).when().get("/api/cases/" + B + "/timeline")
                .then().statusCode(200).body("entries.size()", equalTo(15));
    }

    @Test
    @Order(4)
    void supervisorsSeeOnlyWhatIsUnderTheirUnit() {
        theCases();
        String district = SharedInfra.get().jwt().token(DemoUser.DISTRICT_SUPERVISOR);
        String street = SharedInfra.get().jwt().token(DemoUser.STREET_SUPERVISOR);
        String otherStreet = SharedInfra.get().jwt().token(DemoUser.STREET_SUPERVISOR_2);
        given().auth().oauth2(district).when().get("/api/kpis?unit=" + STREET + "&period=" + DAY)
                .then().statusCode(200);
        given().auth().oauth2(district).when().get("/api/audit/overdue").then().statusCode(200)
                .body("requestId", hasItem(D));
        for (String token : List.of(street, otherStreet)) {
            given().auth().oauth2(token).when().get("/api/cases/" + A + "/timeline").then().statusCode(404);
            given().auth().oauth2(token).when().get("/api/kpis?unit=" + STREET).then().statusCode(403);
            given().auth().oauth2(token).when().get("/api/kpis?unit=water").then().statusCode(403);
            given().auth().oauth2(token).when().get("/api/audit/overdue").then().statusCode(200)
                    .body("requestId", not(hasItem(D)));
            given().auth().oauth2(token).when().get("/api/audit/escalated").then().statusCode(200)
                    .body("requestId", not(hasItem(D)));
            given().auth().oauth2(token).when().get("/api/audit/cases.csv?unit=" + STREET).then().statusCode(403);
            assertThat(given().auth().oauth2(token).when().get("/api/audit/cases.csv?period=" + DAY)
                    .then().statusCode(200).extract().asString()).doesNotContain(A);
            given().auth().oauth2(token).when().get("/api/audit/rankings?level=community&period=" + DAY)
                    .then().statusCode(200).body("units.unit", not(hasItem("110105009001")));
        }
        // a department's figures for a district are how it served that district: all of it for this one, nothing of
        // it for another district
        given().auth().oauth2(district).when().get("/api/kpis?unit=water&from=" + DAY + "&to=" + DAY).then()
                .statusCode(200).body("figures.find { it.figure == 'RESPONSE' }.numerator", equalTo(2))
                .body("figures.find { it.figure == 'RESPONSE' }.denominator", equalTo(2));
        String haidian = SharedInfra.get().jwt().token(new DemoUser("hai", "海淀区 海", java.util.Set.of("supervisor"),
                List.of(), null, "110108"));
        given().auth().oauth2(haidian).when().get("/api/kpis?unit=water&from=" + DAY + "&to=" + DAY).then()
                .statusCode(200).body("figures.find { it.figure == 'RESPONSE' }.numerator", equalTo(0))
                .body("figures.find { it.figure == 'RESPONSE' }.denominator", equalTo(0));
        // the street supervisor's own figures answer for their street
        given().auth().oauth2(street).when().get("/api/kpis").then().statusCode(200)
                .body("unit", equalTo("110105001")).body("level", equalTo("STREET"));
        for (DemoUser user : List.of(DemoUser.RESIDENT, DemoUser.GRID_WORKER, DemoUser.WATER)) {
            String token = SharedInfra.get().jwt().token(user);
            for (String path : List.of("/api/kpis?unit=" + STREET, "/api/audit/overdue", "/api/audit/escalated",
                    "/api/audit/rankings?level=street", "/api/audit/cases.csv", "/api/audit/kpis.csv?unit=water",
                    "/api/escalations")) {
                given().auth().oauth2(token).when().get(path).then().statusCode(403);
            }
        }
        given().when().get("/api/kpis?unit=" + STREET).then().statusCode(401);
        given().auth().oauth2(admin()).when().get("/api/kpis?unit=" + STREET + "&period=2025-13")
                .then().statusCode(400).body("errors[0].field", equalTo("period"));
        given().auth().oauth2(admin()).when().get("/api/kpis?unit=12345").then().statusCode(400);
    }

    @Inject
    Aggregates aggregates;

    @Inject
    AgroalDataSource dataSource;

    /**
     * 评价结果公开: the same figures for anyone, without signing in, by month; a rate over fewer than min-cases (3 in
     * the tests) cases withheld; no case, no text, no person in the answer; cached for clients and proxies.
     */
    @Test
    @Order(4)
    void thePublicReadsTheFiguresWithoutCasesOrPeopleAndSmallCountsWithheld() {
        theCases();
        String body = given().when().get("/api/public/figures?unit=" + STREET + "&period=2025-03")
                .then().statusCode(200).header("Cache-Control", org.hamcrest.Matchers.startsWith("public"))
                .extract().asString();
        JsonPath street = JsonPath.from(body);
        assertThat(street.getInt("minCases")).isEqualTo(3);
        assertPublic(street, "SATISFACTION", 3, 4, "0.75");
        assertPublic(street, "RESPONSE", 2, 3, "0.6667");
        assertPublic(street, "NOT_EVALUATED", 1, 4, "0.25");
        assertThat(street.getString("figures.find { it.figure == 'ESCALATIONS' }.numerator")).isEqualTo("1");
        assertThat(body).as("no case, no text, no person").doesNotContain("KPI-").doesNotContain("alice")
                .doesNotContain("cleaned").doesNotContain("垃圾").doesNotContain("wang");

        // one case's rating is nobody's business: a rate over 1 or 2 cases is withheld whole
        JsonPath community = given().when().get("/api/public/figures?unit=110105009002&period=2025-03")
                .then().statusCode(200).extract().jsonPath();
        for (String figure : List.of("RESOLUTION", "NOT_EVALUATED", "SATISFACTION")) {
            String path = "figures.find { it.figure == '" + figure + "' }";
            assertThat(community.getBoolean(path + ".withheld")).as(figure).isTrue();
            assertThat(community.getString(path + ".value")).as(figure).isNull();
            assertThat(community.getString(path + ".numerator")).as(figure).isNull();
        }
        assertThat(given().when().get("/api/public/figures?unit=water&period=2025-03").then().statusCode(200)
                .extract().jsonPath().getBoolean("figures.find { it.figure == 'RESPONSE' }.withheld")).isTrue();

        JsonPath ranking = given().when().get("/api/public/rankings?level=community&period=2025-03")
                .then().statusCode(200).extract().jsonPath();
        String first = "units.find { it.unit == '110105009001' }.figures.find { it.figure == 'SATISFACTION' }";
        assertThat(ranking.getString(first + ".value")).isEqualTo("0.75");
        assertThat(ranking.getString("units.find { it.unit == '110105009002' }.figures.find { it.figure == "
                + "'RESOLUTION' }.withheld")).isEqualTo("true");

        given().when().get("/api/public/figures").then().statusCode(400).body("errors[0].field", equalTo("unit"));
        given().when().get("/api/public/figures?unit=12345").then().statusCode(400);
        given().when().get("/api/public/figures?unit=" + STREET + "&period=" + DAY).then().statusCode(400)
                .body("errors[0].field", equalTo("period"));
        given().when().get("/api/public/rankings?level=city").then().statusCode(400);
    }

    private static void assertPublic(JsonPath f, String figure, long numerator, long denominator, String value) {
        String path = "figures.find { it.figure == '" + figure + "' }";
        assertThat(f.getBoolean(path + ".withheld")).as(figure + " withheld").isFalse();
        assertThat(f.getLong(path + ".numerator")).as(figure + " numerator").isEqualTo(numerator);
        assertThat(f.getLong(path + ".denominator")).as(figure + " denominator").isEqualTo(denominator);
        assertThat(f.getString(path + ".value")).as(figure + " value").isEqualTo(value);
    }

    @Test
    @Order(5)
    void theAggregatesKeptByTheTriggersEqualARebuildFromTheFacts() throws Exception {
        theCases();
        String before = snapshot();
        assertThat(aggregates.ensure()).as("nothing changed since startup: no rebuild").isFalse();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // spoil the aggregates and forget what they were built with: the next check must rebuild them
            st.executeUpdate("UPDATE escalation.kpi_day SET numerator = numerator + 7 WHERE grid_code = '" + G1 + "'");
            st.executeUpdate("DELETE FROM escalation.cycle_day WHERE grid_code = '" + G1 + "'");
            st.executeUpdate("DELETE FROM escalation.aggregate_definition");
        }
        assertThat(snapshot()).isNotEqualTo(before);
        assertThat(aggregates.ensure()).isTrue();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(aggregates.ensure()).isFalse();
    }
}
