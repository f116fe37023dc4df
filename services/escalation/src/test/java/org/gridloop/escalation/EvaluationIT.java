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
 *
 * <p>The departments evaluated by those who called them (街道对职能部门的评价), in the same street on 2025-04-10 (a
 * month of its own, so the figures above stay as they are):
 * <pre>
 * H grid 110105009001001  round 1: water (report-in due +30m, in +20m: on time) and housing (due +30m, in +50m: late),
 *                         both answer FIXED; verification of round 1 FAILS (核查未通过: against water and housing);
 *                         round 2: water (due +30m, in +10m), answers FIXED, verified; the resident rates 1 and the
 *                         case is reopened naming round 2 (返工: against water's round 2)
 *                         rated by the grid worker: round 1 water attitude 5 result 2, round 2 water 4/4;
 *                         by the street's supervisor: round 1 housing 2/1
 * I grid 110105009001002  round 1: water (due +30m, in +20m), answers FIXED, verified; rated by that grid's worker 3/5
 * J grid 110105009001001  round 1: gas (report-in and resolve due a month from now), silent: not rateable yet (409)
 *
 *                     water (H1, H2, I1)   housing (H1)   gas (J1)   the street (all 5 calls)
 * RESPONSE            3/3 = 1.0            0/1 = 0.0      0/1 = 0.0  3/5 = 0.6
 * DEPT_ATTITUDE ≥ 4   H1, H2 / 3 = 0.6667  0/1 = 0.0      0/0        2/4 = 0.5
 * DEPT_RESULT ≥ 4     H2, I1 / 3 = 0.6667  0/1 = 0.0      0/0        2/4 = 0.5
 * DEPT_VERIFICATION_  H1 / 3 = 0.3333      H1 / 1 = 1.0   0/0        2/4 = 0.5   (over answered calls)
 *   FAILED
 * DEPT_REOPENED       H2 / 3 = 0.3333      0/1 = 0.0      0/0        1/4 = 0.25  (over answered calls)
 * ranking: water (result 0.6667), housing (0.0), gas (nothing rated: last)
 * </pre>
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
    static final String H = "KPI-H-" + SUFFIX;
    static final String I = "KPI-I-" + SUFFIX;
    static final String J = "KPI-J-" + SUFFIX;
    static final String APRIL = "2025-04";
    static final Instant T1 = Instant.parse("2025-04-10T01:00:00Z"); // 09:00 in Shanghai
    /** A grid worker of G1 (wang), of G2 (a worker of that grid only), and the street's own supervisor. */
    static final DemoUser WORKER_G1 = new DemoUser("wang", "网格员 王", java.util.Set.of("grid-worker"), List.of(G1),
            null, null);
    static final DemoUser WORKER_G2 = new DemoUser("ma", "网格员 马", java.util.Set.of("grid-worker"), List.of(G2),
            null, null);
    static final DemoUser STREET_009 = new DemoUser("gao", "街道 高", java.util.Set.of("supervisor"), List.of(), null,
            STREET);
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

        departmentCases();
        ALL.forEach(events::send);
        awaitApplied(ALL.stream().map(CloudEvent::id).toList());
        rateTheDepartments();
    }

    /** H, I and J of the department data set (see the class comment). */
    static void departmentCases() {
        Actor zhao = new Actor("zhao", "department");
        Actor zhou = new Actor("zhou", "department");
        Instant h0 = T1;
        add(EventTypes.REQUEST_SUBMITTED, H, RESIDENT, h0, submitted(H, G1, h0));
        add(EventTypes.REQUEST_ACCEPTED, H, SYSTEM, h0.plus(m(10)), new RequestEvents.Accepted(H, "litter", G1));
        add(EventTypes.REQUEST_WHISTLED, H, TestEvents.WORKER, h0.plus(m(20)),
                new RequestEvents.Whistled(H, 1, "litter", "x", LOCATION, G1, "rule"));
        add(EventTypes.DISPATCH_STARTED, H, SYSTEM, h0.plus(m(30)), new DispatchEvents.Started(H, 1, "litter", G1,
                "110105", false, List.of(
                new DispatchEvents.CalledDepartment("water", "lead", h0.plus(m(60)), h0.plus(h(5))),
                new DispatchEvents.CalledDepartment("housing", "co", h0.plus(m(60)), h0.plus(h(5))))));
        add(EventTypes.DISPATCH_REPORTED_IN, H, zhao, h0.plus(m(50)), new DispatchEvents.ReportedIn(H, 1, "water"));
        add(EventTypes.DISPATCH_REPORTED_IN, H, zhou, h0.plus(m(80)), new DispatchEvents.ReportedIn(H, 1, "housing"));
        add(EventTypes.DISPATCH_ANSWERED, H, zhao, h0.plus(h(3)),
                new DispatchEvents.Answered(H, 1, "water", AnswerResult.FIXED, "done"));
        add(EventTypes.DISPATCH_ANSWERED, H, zhou, h0.plus(h(3)).plus(m(10)),
                new DispatchEvents.Answered(H, 1, "housing", AnswerResult.FIXED, "done"));
        add(EventTypes.DISPATCH_RESOLVED, H, SYSTEM, h0.plus(h(3)).plus(m(10)), new DispatchEvents.Resolved(H, 1,
                List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "done"),
                        new DispatchEvents.Answer("housing", "co", AnswerResult.FIXED, "done"))));
        add(EventTypes.REQUEST_VERIFICATION_REQUESTED, H, SYSTEM, h0.plus(h(3)).plus(m(11)),
                new RequestEvents.VerificationRequested(H, 1, G1));
        add(EventTypes.REQUEST_VERIFIED, H, TestEvents.WORKER, h0.plus(h(4)),
                new RequestEvents.Verified(H, 1, false, "still leaking"));
        add(EventTypes.REQUEST_WHISTLED, H, SYSTEM, h0.plus(h(4)).plus(m(1)),
                new RequestEvents.Whistled(H, 2, "litter", "x", LOCATION, G1, "verification failed"));
        add(EventTypes.DISPATCH_STARTED, H, SYSTEM, h0.plus(h(4)).plus(m(2)), new DispatchEvents.Started(H, 2,
                "litter", G1, "110105", false, List.of(new DispatchEvents.CalledDepartment("water", "lead",
                h0.plus(h(4)).plus(m(32)), h0.plus(h(9))))));
        add(EventTypes.DISPATCH_REPORTED_IN, H, zhao, h0.plus(h(4)).plus(m(12)),
                new DispatchEvents.ReportedIn(H, 2, "water"));
        add(EventTypes.DISPATCH_ANSWERED, H, zhao, h0.plus(h(6)),
                new DispatchEvents.Answered(H, 2, "water", AnswerResult.FIXED, "replaced"));
        add(EventTypes.DISPATCH_RESOLVED, H, SYSTEM, h0.plus(h(6)), new DispatchEvents.Resolved(H, 2,
                List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "replaced"))));
        add(EventTypes.REQUEST_VERIFIED, H, TestEvents.WORKER, h0.plus(h(7)),
                new RequestEvents.Verified(H, 2, true, "ok"));
        add(EventTypes.REQUEST_RATED, H, RESIDENT, h0.plus(h(8)), new RequestEvents.Rated(H, 1, null));
        add(EventTypes.REQUEST_REOPENED, H, SYSTEM, h0.plus(h(8)), new RequestEvents.Reopened(H, 1, "unsatisfied", 2));

        Instant i0 = T1.plus(h(1));
        add(EventTypes.REQUEST_SUBMITTED, I, RESIDENT, i0, submitted(I, G2, i0));
        add(EventTypes.REQUEST_ACCEPTED, I, SYSTEM, i0.plus(m(10)), new RequestEvents.Accepted(I, "litter", G2));
        add(EventTypes.REQUEST_WHISTLED, I, TestEvents.WORKER, i0.plus(m(20)),
                new RequestEvents.Whistled(I, 1, "litter", "x", LOCATION, G2, "rule"));
        add(EventTypes.DISPATCH_STARTED, I, SYSTEM, i0.plus(m(30)), new DispatchEvents.Started(I, 1, "litter", G2,
                "110105", false, List.of(new DispatchEvents.CalledDepartment("water", "lead", i0.plus(m(60)),
                i0.plus(h(5))))));
        add(EventTypes.DISPATCH_REPORTED_IN, I, zhao, i0.plus(m(50)), new DispatchEvents.ReportedIn(I, 1, "water"));
        add(EventTypes.DISPATCH_ANSWERED, I, zhao, i0.plus(h(2)),
                new DispatchEvents.Answered(I, 1, "water", AnswerResult.FIXED, "done"));
        add(EventTypes.REQUEST_VERIFIED, I, TestEvents.WORKER, i0.plus(h(3)),
                new RequestEvents.Verified(I, 1, true, null));

        Instant j0 = T1.plus(h(2));
        Instant later = Instant.now().plus(Duration.ofDays(30));
        add(EventTypes.REQUEST_SUBMITTED, J, RESIDENT, j0, submitted(J, G1, j0));
        add(EventTypes.DISPATCH_STARTED, J, SYSTEM, j0.plus(m(30)), new DispatchEvents.Started(J, 1, "litter", G1,
                "110105", false, List.of(new DispatchEvents.CalledDepartment("gas", "lead", later, later))));
    }

    /** The callers' ratings of H and I (the class comment), through the API. */
    static void rateTheDepartments() {
        rate(WORKER_G1, H, 1, "water", 5, 2, "来得快，修得不彻底").then().statusCode(201)
                .body("attitude", equalTo(5)).body("result", equalTo(2)).body("ratedBy", equalTo("wang"));
        rate(WORKER_G1, H, 2, "water", 4, 4, null).then().statusCode(201);
        rate(STREET_009, H, 1, "housing", 2, 1, "迟到，态度差").then().statusCode(201);
        rate(WORKER_G2, I, 1, "water", 3, 5, null).then().statusCode(201);
    }

    static io.restassured.response.Response rate(DemoUser user, String requestId, int round, String department,
                                                 Integer attitude, Integer result, String note) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("round", round);
        body.put("department", department);
        body.put("attitude", attitude);
        body.put("result", result);
        body.put("note", note);
        return given().auth().oauth2(SharedInfra.get().jwt().token(user)).contentType("application/json").body(body)
                .when().post("/api/cases/" + requestId + "/department-ratings");
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
            for (String id : List.of(A, B, C, D, E, F, G, H, I, J)) {
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
        for (String unit : List.of(STREET, "water", "housing", "gas")) {
            all.append(unit).append(given().auth().oauth2(admin()).when().get("/api/kpis?unit=" + unit + "&period="
                    + APRIL).then().statusCode(200).extract().jsonPath().getList("figures").toString());
        }
        all.append(given().auth().oauth2(admin()).when().get("/api/audit/department-rankings?period=" + APRIL)
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
            // a department's figures, over the street's own cases only: none of this street's
            given().auth().oauth2(token).when().get("/api/kpis?unit=water&from=" + DAY + "&to=" + DAY).then()
                    .statusCode(200).body("figures.find { it.figure == 'RESPONSE' }.denominator", equalTo(0));
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

    static JsonPath april(String token, String unit) {
        return given().auth().oauth2(token).when().get("/api/kpis?unit=" + unit + "&period=" + APRIL)
                .then().statusCode(200).extract().jsonPath();
    }

    /** 街道对职能部门的评价: the hand-computed department figures and ranking of H, I and J (the class comment). */
    @Test
    @Order(6)
    void theCallersRatingsAndWhatCountsAgainstARoundGiveTheHandComputedDepartmentFiguresAndRanking() {
        theCases();
        JsonPath water = april(admin(), "water");
        assertFigure(water, "RESPONSE", 3, 3L, "1.0");
        assertFigure(water, "DEPT_ATTITUDE", 2, 3L, "0.6667");
        assertFigure(water, "DEPT_RESULT", 2, 3L, "0.6667");
        assertFigure(water, "DEPT_VERIFICATION_FAILED", 1, 3L, "0.3333");
        assertFigure(water, "DEPT_REOPENED", 1, 3L, "0.3333");
        JsonPath housing = april(admin(), "housing");
        assertFigure(housing, "RESPONSE", 0, 1L, "0.0");
        assertFigure(housing, "DEPT_ATTITUDE", 0, 1L, "0.0");
        assertFigure(housing, "DEPT_RESULT", 0, 1L, "0.0");
        assertFigure(housing, "DEPT_VERIFICATION_FAILED", 1, 1L, "1.0");
        assertFigure(housing, "DEPT_REOPENED", 0, 1L, "0.0");
        JsonPath gas = april(admin(), "gas");
        assertFigure(gas, "RESPONSE", 0, 1L, "0.0");
        assertFigure(gas, "DEPT_ATTITUDE", 0, 0L, null);
        assertFigure(gas, "DEPT_VERIFICATION_FAILED", 0, 0L, null);
        // the street's own figures read the same calls from the per grid and day aggregates
        JsonPath street = april(admin(), STREET);
        assertFigure(street, "RESPONSE", 3, 5L, "0.6");
        assertFigure(street, "DEPT_ATTITUDE", 2, 4L, "0.5");
        assertFigure(street, "DEPT_RESULT", 2, 4L, "0.5");
        assertFigure(street, "DEPT_VERIFICATION_FAILED", 2, 4L, "0.5");
        assertFigure(street, "DEPT_REOPENED", 1, 4L, "0.25");

        // the street that calls them sees the departments ranked over its own cases; another street sees none
        String own = SharedInfra.get().jwt().token(STREET_009);
        JsonPath ranking = given().auth().oauth2(own).when().get("/api/audit/department-rankings?period=" + APRIL)
                .then().statusCode(200).extract().jsonPath();
        assertThat(ranking.getString("area")).isEqualTo(STREET);
        assertThat(ranking.getList("departments.unit", String.class)).containsExactly("water", "housing", "gas");
        assertThat(ranking.getList("departments.rank", Integer.class)).containsExactly(1, 2, 3);
        assertThat(ranking.getString("departments[0].figures.find { it.figure == 'DEPT_RESULT' }.value"))
                .isEqualTo("0.6667");
        String otherStreet = SharedInfra.get().jwt().token(DemoUser.STREET_SUPERVISOR_2);
        given().auth().oauth2(otherStreet).when().get("/api/audit/department-rankings?period=" + APRIL).then()
                .statusCode(200).body("departments.size()", equalTo(0));
        // and anyone, without signing in: the same ranking, a figure over fewer than min-cases (3) calls withheld,
        // no case, no person, no note
        String open = given().when().get("/api/public/department-rankings?period=" + APRIL).then().statusCode(200)
                .header("Cache-Control", startsWith("public")).extract().asString();
        JsonPath pub = JsonPath.from(open);
        assertThat(pub.getList("departments.unit", String.class)).containsExactly("water", "housing", "gas");
        String waterResult = "departments[0].figures.find { it.figure == 'DEPT_RESULT' }";
        assertThat(pub.getString(waterResult + ".value")).isEqualTo("0.6667");
        assertThat(pub.getBoolean(waterResult + ".withheld")).isFalse();
        assertThat(pub.getBoolean("departments[1].figures.find { it.figure == 'DEPT_ATTITUDE' }.withheld")).isTrue();
        assertThat(pub.getString("departments[1].figures.find { it.figure == 'DEPT_ATTITUDE' }.numerator")).isNull();
        assertThat(open).doesNotContain("KPI-").doesNotContain("wang").doesNotContain("gao").doesNotContain("迟到");
        given().when().get("/api/public/department-rankings?period=" + DAY).then().statusCode(400)
                .body("errors[0].field", equalTo("period"));

        // a street supervisor reads a department's figures over the street's own cases only
        assertFigure(april(own, "water"), "DEPT_ATTITUDE", 2, 3L, "0.6667");
        assertFigure(april(otherStreet, "water"), "DEPT_ATTITUDE", 0, 0L, null);

        // the rating form's view: reported in on time from the facts, what counted against the round, the rating
        JsonPath calls = given().auth().oauth2(SharedInfra.get().jwt().token(WORKER_G1)).when()
                .get("/api/cases/" + H + "/department-ratings").then().statusCode(200).extract().jsonPath();
        assertThat(calls.getList("calls.department", String.class)).containsExactly("housing", "water", "water");
        String housing1 = "calls.find { it.round == 1 && it.department == 'housing' }";
        assertThat(calls.getBoolean(housing1 + ".reportedInOnTime")).isFalse();
        assertThat(calls.getBoolean(housing1 + ".verificationFailed")).isTrue();
        assertThat(calls.getBoolean(housing1 + ".rateable")).isFalse();
        assertThat(calls.getInt(housing1 + ".rating.attitude")).isEqualTo(2);
        assertThat(calls.getBoolean("calls.find { it.round == 2 }.reopened")).isTrue();
        assertThat(calls.getBoolean("calls.find { it.round == 2 }.reportedInOnTime")).isTrue();
        given().auth().oauth2(SharedInfra.get().jwt().token(WORKER_G2)).when()
                .get("/api/cases/" + H + "/department-ratings").then().statusCode(404);

        // the step is traced on the case's timeline
        JsonPath timeline = given().auth().oauth2(admin()).when().get("/api/cases/" + H + "/timeline").then()
                .statusCode(200).extract().jsonPath();
        String rated = "entries.find { it.detail.code == 'escalation.department-rated' && it.department == 'housing' }";
        assertThat(timeline.getString(rated + ".stage")).isEqualTo("evaluation");
        assertThat(timeline.getString(rated + ".actor")).isEqualTo("gao");
        assertThat(timeline.getInt(rated + ".detail.params.attitude")).isEqualTo(2);
        assertThat(timeline.getInt(rated + ".detail.params.result")).isEqualTo(1);
        assertThat(timeline.getList("stages.stage", String.class)).doesNotContain("evaluation");
    }

    /** Who may rate, what, and when: 400 field by field, 403 by role, 404 outside the caller's grids, 409. */
    @Test
    @Order(6)
    void aRatingIsRefusedForTheWrongFieldsRoleCaseOrTime() {
        theCases();
        rate(WORKER_G1, J, 1, "gas", 6, 3, null).then().statusCode(400)
                .body("errors.field", hasItem("attitude"));
        rate(WORKER_G1, J, 1, "gas", 3, null, null).then().statusCode(400)
                .body("errors.field", hasItem("result"));
        rate(WORKER_G1, J, 1, "gas", 3, 3, "x".repeat(501)).then().statusCode(400)
                .body("errors.field", hasItem("note"));
        rate(WORKER_G1, J, 1, "gas", 3, 3, null).then().statusCode(409); // gas has not answered yet
        rate(WORKER_G1, H, 1, "water", 3, 3, null).then().statusCode(409); // rated already
        rate(STREET_009, H, 1, "water", 3, 3, null).then().statusCode(409); // by the grid: the street's too
        rate(WORKER_G2, H, 2, "water", 3, 3, null).then().statusCode(404); // another grid's case
        rate(DemoUser.STREET_SUPERVISOR_2, H, 2, "water", 3, 3, null).then().statusCode(404); // another street's
        rate(WORKER_G1, H, 3, "water", 3, 3, null).then().statusCode(404); // no such round
        rate(WORKER_G1, H, 1, "gas", 3, 3, null).then().statusCode(404); // not called
        for (DemoUser user : List.of(DemoUser.RESIDENT, DemoUser.WATER, DemoUser.ADMIN)) {
            rate(user, H, 1, "housing", 3, 3, null).then().statusCode(403);
        }
        given().contentType("application/json").body("{}").when().post("/api/cases/" + H + "/department-ratings")
                .then().statusCode(401);
        // nothing of the refusals was recorded
        JsonPath water = april(admin(), "water");
        assertFigure(water, "DEPT_ATTITUDE", 2, 3L, "0.6667");
    }
}
