package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CallerDecision;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.DispatchLimit;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEndReason;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.LimitStage;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.escalation.application.EscalationDriver;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.messaging.EventTable;
import org.gridloop.escalation.repository.Escalations;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.MetricsText;
import org.gridloop.infra.SharedInfra;
import org.gridloop.platform.messaging.ParkedEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * The escalation process against the real broker: a missed report-in limit climbs community → street → district
 * (level limits of 3 s in tests; the district's is an hour), supervisor tasks are visible to the supervisors the
 * task reached, and the district supervisor's decision ends the escalation in the same step; the department
 * reporting in ends one as RESOLVED; a missed limit nobody can place is parked.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class EscalationProcessIT {

    static final String GRID = "110105001001001";
    static final RequestEvents.Location LOCATION = new RequestEvents.Location(39.905, 116.445, null);

    static EventTopics topics;

    @Inject
    ParkedEvents parked;

    @Inject
    EscalationDriver driver;

    @Inject
    Escalations escalations;

    @Inject
    UserTransaction transaction;

    @BeforeAll
    static void start() {
        topics = EventTopics.watch(Topics.ESCALATIONS);
    }

    @AfterAll
    static void stop() {
        topics.close();
    }

    static String token(DemoUser user) {
        return SharedInfra.get().jwt().token(user);
    }

    /** A whistled case whose department "water" missed its report-in limit (the old event, naming no grid). */
    static void aMissedReportIn(String id) {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Instant due = t0.plus(Duration.ofMinutes(30));
        topics.send(TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, new Actor("alice", "resident"), t0,
                new RequestEvents.Submitted(id, "resident", "water-leak", "漏水", LOCATION, GRID, List.of(), false, t0)));
        topics.send(TestEvents.event(EventTypes.REQUEST_WHISTLED, id, TestEvents.WORKER, t0.plusSeconds(60),
                new RequestEvents.Whistled(id, 1, "water-leak", "漏水", LOCATION, GRID, "main pipe")));
        topics.send(TestEvents.event(EventTypes.DISPATCH_STARTED, id, Actor.SYSTEM, t0.plusSeconds(90),
                new DispatchEvents.Started(id, 1, "water-leak", GRID, "110105", false,
                        List.of(new DispatchEvents.CalledDepartment("water", "lead", due, t0.plus(Duration.ofDays(1)))))));
        topics.send(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, id, Actor.SYSTEM, due,
                new DispatchEvents.LimitMissed(id, 1, "water", DispatchLimit.REPORT_IN, due, null)));
    }

    static EscalationEvents.Raised raised(String id) {
        await().atMost(EventTopics.PATIENCE).until(() -> topics.count(id, EventTypes.ESCALATION_RAISED) > 0);
        return topics.payloads(id, EventTypes.ESCALATION_RAISED).get(0);
    }

    static List<String> openFor(DemoUser user) {
        return given().auth().oauth2(token(user)).when().get("/api/escalations?status=open")
                .then().statusCode(200).extract().jsonPath().getList("escalationId", String.class);
    }

    static JsonPath escalation(DemoUser user, String escalationId) {
        return given().auth().oauth2(token(user)).when().get("/api/escalations/" + escalationId)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aMissedReportInClimbsTwoLevelsAndTheDistrictSupervisorsDecisionEndsItInTheSameStep() {
        String id = TestEvents.newRequestId();
        aMissedReportIn(id);

        EscalationEvents.Raised raised = raised(id);
        String escalationId = raised.escalationId();
        assertThat(raised.trigger()).isEqualTo("REPORT_IN_MISSED");
        assertThat(raised.department()).isEqualTo("water");
        assertThat(raised.level()).isEqualTo("COMMUNITY");
        assertThat(raised.unit()).isEqualTo("110105001001");
        assertThat(raised.gridCode()).isEqualTo(GRID);

        // the raise committed with the record: the street supervisor (community and street are under them) has it
        assertThat(openFor(DemoUser.STREET_SUPERVISOR)).contains(escalationId);
        assertThat(openFor(DemoUser.STREET_SUPERVISOR_2)).doesNotContain(escalationId);

        // unanswered: lifted twice, to the street and to the district
        await().atMost(EventTopics.PATIENCE).until(() -> topics.count(id, EventTypes.ESCALATION_LIFTED) == 2);
        List<EscalationEvents.Lifted> lifts = topics.payloads(id, EventTypes.ESCALATION_LIFTED);
        assertThat(lifts).extracting(EscalationEvents.Lifted::fromLevel).containsExactly("COMMUNITY", "STREET");
        assertThat(lifts).extracting(EscalationEvents.Lifted::level).containsExactly("STREET", "DISTRICT");
        assertThat(lifts).extracting(EscalationEvents.Lifted::unit).containsExactly("110105001", "110105");

        // the second lift's timer step wrote the record before its event went out
        JsonPath atDistrict = escalation(DemoUser.DISTRICT_SUPERVISOR, escalationId);
        assertThat(atDistrict.getString("level")).isEqualTo("DISTRICT");
        assertThat(atDistrict.getList("tasks.level")).containsExactly("COMMUNITY", "STREET", "DISTRICT");
        assertThat(atDistrict.getList("tasks.status")).containsExactly("LIFTED", "LIFTED", "OPEN");
        assertThat(openFor(DemoUser.DISTRICT_SUPERVISOR)).contains(escalationId);
        assertThat(openFor(DemoUser.CITY_SUPERVISOR)).contains(escalationId);
        assertThat(openFor(DemoUser.STREET_SUPERVISOR)).doesNotContain(escalationId);
        given().auth().oauth2(token(DemoUser.RESIDENT)).when().get("/api/escalations").then().statusCode(403);
        given().auth().oauth2(token(DemoUser.WATER)).when().get("/api/escalations/" + escalationId)
                .then().statusCode(403);

        Map<String, Object> newDeadline = Map.of("decision", EscalationDecision.NEW_DEADLINE,
                "newDeadline", Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(),
                "note", "水务 to report in by then");
        // the street supervisor sees the case but the task is above them; another street does not see it at all
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON).body(newDeadline)
                .when().post("/api/escalations/" + escalationId + "/decision").then().statusCode(403);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).contentType(ContentType.JSON).body(newDeadline)
                .when().post("/api/escalations/" + escalationId + "/decision").then().statusCode(404);
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", "POSTPONE")).when().post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(400).body("errors[0].field", equalTo("decision"))
                .body("errors[0].message", equalTo("must be one of COORDINATE, NEW_DEADLINE, REASSIGN, ORDER_CLOSING, RAISE"));
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.NEW_DEADLINE)).when()
                .post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(400).body("errors[0].field", equalTo("newDeadline"));
        // 会商联办 convenes somebody: the departments are named
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.COORDINATE, "note", "会商")).when()
                .post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(400).body("errors[0].field", equalTo("departments"));
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.COORDINATE, "departments", List.of("Water!"))).when()
                .post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(400);

        // one step: the answer already shows the escalation ended by the decision
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON).body(newDeadline)
                .when().post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(200).body("status", equalTo("ENDED")).body("endReason", equalTo("DECIDED"))
                .body("decision.decision", equalTo(EscalationDecision.NEW_DEADLINE.name()))
                .body("decision.supervisor", equalTo("sun"))
                .body("decision.level", equalTo("DISTRICT"))
                .body("tasks.status", equalTo(List.of("LIFTED", "LIFTED", "DECIDED")));
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON).body(newDeadline)
                .when().post("/api/escalations/" + escalationId + "/decision").then().statusCode(409);
        assertThat(openFor(DemoUser.DISTRICT_SUPERVISOR)).doesNotContain(escalationId);

        // decided, then ended, both from that one commit
        await().atMost(EventTopics.PATIENCE).until(() -> topics.count(id, EventTypes.ESCALATION_ENDED) == 1);
        List<EscalationEvents.Decided> decided = topics.payloads(id, EventTypes.ESCALATION_DECIDED);
        assertThat(decided).hasSize(1);
        assertThat(decided.get(0).escalationId()).isEqualTo(escalationId);
        assertThat(decided.get(0).decision()).isEqualTo(EscalationDecision.NEW_DEADLINE);
        assertThat(decided.get(0).department()).isEqualTo("water");
        assertThat(decided.get(0).level()).isEqualTo("DISTRICT");
        assertThat(decided.get(0).unit()).isEqualTo("110105");
        assertThat(decided.get(0).supervisor()).isEqualTo("sun");
        assertThat(decided.get(0).newDeadline()).isEqualTo(Instant.parse((String) newDeadline.get("newDeadline")));
        EscalationEvents.Ended ended = topics.payloads(id, EventTypes.ESCALATION_ENDED).get(0);
        assertThat(ended.reason()).isEqualTo(EscalationEndReason.DECIDED);
        assertThat(ended.escalationId()).isEqualTo(escalationId);
        assertThat(topics.events(id)).extracting(e -> e.type()).containsSubsequence(
                EventTypes.ESCALATION_DECIDED.name(), EventTypes.ESCALATION_ENDED.name());

        // every step is on the case's timeline (the read model takes the escalations topic too); the missed limit
        // is flagged on its stage
        await().atMost(EventTopics.PATIENCE).untilAsserted(() ->
                given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).when().get("/api/cases/" + id + "/timeline")
                        .then().statusCode(200)
                        .body("entries.type", hasItem(EventTypes.ESCALATION_ENDED.name()))
                        .body("entries.find { it.type == 'gridloop.dispatch.limit-missed.v1' }.limitMissed",
                                equalTo(true))
                        .body("stages.find { it.stage == 'routing' }.limitMissed", equalTo(true)));
    }

    @Test
    void theDepartmentReportingInEndsItAsResolvedAndARepeatedTriggerOpensNoSecondEscalation() {
        String id = TestEvents.newRequestId();
        aMissedReportIn(id);
        Instant later = Instant.now();
        topics.send(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, id, Actor.SYSTEM, later,
                new DispatchEvents.LimitMissed(id, 1, "water", DispatchLimit.REPORT_IN, later, null)));
        String escalationId = raised(id).escalationId();
        // the repeat is counted on the open escalation
        await().atMost(EventTopics.PATIENCE).until(() ->
                escalation(DemoUser.STREET_SUPERVISOR, escalationId).getInt("repeats") == 1);

        topics.send(TestEvents.event(EventTypes.DISPATCH_REPORTED_IN, id, new Actor("zhao", "department"),
                Instant.now(), new DispatchEvents.ReportedIn(id, 1, "water")));
        await().atMost(EventTopics.PATIENCE).until(() -> topics.count(id, EventTypes.ESCALATION_ENDED) == 1);
        assertThat(topics.payloads(id, EventTypes.ESCALATION_ENDED).get(0).reason())
                .isEqualTo(EscalationEndReason.RESOLVED);
        // ended after both missed limits were applied: had the repeat opened a second escalation, it would be here
        assertThat(topics.count(id, EventTypes.ESCALATION_RAISED)).isEqualTo(1);
        JsonPath resolved = escalation(DemoUser.STREET_SUPERVISOR, escalationId);
        assertThat(resolved.getString("status")).isEqualTo("ENDED");
        assertThat(resolved.getString("endReason")).isEqualTo("RESOLVED");
        // the community's task, and the street's if the 3 s limit passed meanwhile: none left open
        assertThat(resolved.getList("tasks.status", String.class)).isNotEmpty().doesNotContain("OPEN")
                .endsWith("CLOSED");
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/escalations?status=all")
                .then().statusCode(200).body("findAll { it.requestId == '" + id + "' }.size()", equalTo(1));
        assertThat(openFor(DemoUser.STREET_SUPERVISOR)).doesNotContain(escalationId);
        await().atMost(EventTopics.PATIENCE).untilAsserted(() ->
                given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/audit/escalated")
                        .then().statusCode(200).body("escalationId", hasItem(escalationId)));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).when().get("/api/audit/escalated")
                .then().statusCode(200).body("escalationId", not(hasItem(escalationId)));
    }

    /**
     * 上提一级 on purpose: the street's supervisor cannot solve it and raises it (with the reason: required) to the
     * district now, without waiting for the street's limit; the escalation stays open there, the street's task is
     * LIFTED. The city is the top: a RAISE there is refused.
     */
    @Test
    void aSupervisorRaisesWhatTheirLevelCannotSolve() {
        String id = TestEvents.newRequestId();
        aMissedReportIn(id);
        String escalationId = raised(id).escalationId();
        String decide = "/api/escalations/" + escalationId + "/decision";
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.RAISE)).when().post(decide)
                .then().statusCode(400).body("errors[0].field", equalTo("note"));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.RAISE, "note", "涉及区属管网，街道无权协调")).when().post(decide)
                .then().statusCode(200).body("status", equalTo("OPEN")).body("level", equalTo("STREET"));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.RAISE, "note", "再上提")).when().post(decide)
                .then().statusCode(200).body("status", equalTo("OPEN")).body("level", equalTo("DISTRICT"))
                .body("tasks.status", equalTo(List.of("LIFTED", "LIFTED", "OPEN")));
        // the street is below the district now: its supervisor cannot decide there any more
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.RAISE, "note", "再上提")).when().post(decide)
                .then().statusCode(403);
        await().atMost(EventTopics.PATIENCE).until(() -> topics.count(id, EventTypes.ESCALATION_LIFTED) == 2);
        assertThat(topics.payloads(id, EventTypes.ESCALATION_DECIDED)).extracting(EscalationEvents.Decided::decision)
                .containsExactly(EscalationDecision.RAISE, EscalationDecision.RAISE);
        assertThat(topics.count(id, EventTypes.ESCALATION_ENDED)).isZero();

        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.RAISE, "note", "区里也无法解决")).when().post(decide)
                .then().statusCode(200).body("level", equalTo("CITY"));
        given().auth().oauth2(token(DemoUser.CITY_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.RAISE, "note", "再上提")).when().post(decide)
                .then().statusCode(409);
        given().auth().oauth2(token(DemoUser.CITY_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.ORDER_CLOSING, "note", "市级督办结案")).when().post(decide)
                .then().statusCode(200).body("status", equalTo("ENDED"));
    }

    // ---- 上提一级 on purpose by a supervisor (POST /api/cases/{id}/raise), and where the ladder is entered

    /** A community's supervisor (the demo city has none: the same claims as the other supervisors). */
    static final DemoUser COMMUNITY_SUPERVISOR = new DemoUser("ma", "建国里社区 马", java.util.Set.of("supervisor"),
            List.of(), null, GRID.substring(0, 12));

    /** A case escalation has seen (submitted in the grid {@link #GRID}), with no escalation open. */
    static String aCase() {
        String id = TestEvents.newRequestId();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        topics.send(TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, new Actor("alice", "resident"), t0,
                new RequestEvents.Submitted(id, "resident", "illegal-construction", "违建", LOCATION, GRID, List.of(),
                        false, t0)));
        // the driver knows the case's grid in the batch that wrote its case file
        await().atMost(EventTopics.PATIENCE).untilAsserted(() -> given().auth().oauth2(token(DemoUser.ADMIN))
                .when().get("/api/cases/" + id).then().statusCode(200));
        return id;
    }

    static io.restassured.response.ValidatableResponse raise(DemoUser user, String id, Object body) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body)
                .when().post("/api/cases/" + id + "/raise").then();
    }

    static void noEscalationOf(String id) {
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/escalations?status=all")
                .then().statusCode(200).body("requestId", not(hasItem(id)));
    }

    /**
     * The street's supervisor cannot solve a case at their level and raises it, with the reason: one step, the answer
     * shows the escalation at the district (the level above the street) with the district's task, announced with who
     * and why, and worded on the timeline. Raising it again while it is open is that escalation's RAISE decision
     * (409 here), which the district's supervisor uses to take it to the city.
     */
    @Test
    void aStreetSupervisorRaisesACaseToTheDistrictWithTheReason() {
        String id = aCase();
        String reason = "涉及区属道路和多个产权单位，街道无权协调";
        var raised = raise(DemoUser.STREET_SUPERVISOR, id, Map.of("reason", reason))
                .statusCode(201).body("status", equalTo("OPEN")).body("trigger", equalTo("SUPERVISOR_RAISED"))
                .body("level", equalTo("DISTRICT")).body("unit", equalTo("110105"))
                .body("tasks.level", equalTo(List.of("DISTRICT"))).body("tasks.status", equalTo(List.of("OPEN")))
                .body("raisedOnPurpose.supervisor", equalTo("liu"))
                .body("raisedOnPurpose.unit", equalTo("110105001"))
                .body("raisedOnPurpose.note", equalTo(reason))
                .extract();
        String escalationId = raised.path("escalationId");
        assertThat(raised.header("Location")).endsWith("/api/escalations/" + escalationId);
        assertThat(openFor(DemoUser.DISTRICT_SUPERVISOR)).contains(escalationId);
        // it is the district's now: the street sees it among all its cases' escalations, not among its tasks
        assertThat(openFor(DemoUser.STREET_SUPERVISOR)).doesNotContain(escalationId);

        EscalationEvents.Raised event = raised(id);
        assertThat(event.escalationId()).isEqualTo(escalationId);
        assertThat(event.trigger()).isEqualTo("SUPERVISOR_RAISED");
        assertThat(event.level()).isEqualTo("DISTRICT");
        assertThat(event.unit()).isEqualTo("110105");
        assertThat(event.gridCode()).isEqualTo(GRID);
        assertThat(event.raisedBy()).isEqualTo("liu");
        assertThat(event.note()).isEqualTo(reason);

        // one rule for an escalated case: raise that escalation (its RAISE decision), not the case again
        raise(DemoUser.STREET_SUPERVISOR, id, Map.of("reason", "再上提")).statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString(escalationId));
        raise(DemoUser.DISTRICT_SUPERVISOR, id, Map.of("reason", "区里也无法解决")).statusCode(409);
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.RAISE, "note", "区里也无法解决")).when()
                .post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(200).body("level", equalTo("CITY"))
                .body("tasks.status", equalTo(List.of("LIFTED", "OPEN")));
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/escalations?status=all")
                .then().statusCode(200).body("findAll { it.requestId == '" + id + "' }.size()", equalTo(1));

        // the timeline words who raised it and why
        await().atMost(EventTopics.PATIENCE).untilAsserted(() -> given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR))
                .when().get("/api/cases/" + id + "/timeline").then().statusCode(200)
                .body("entries.find { it.type == 'gridloop.escalation.raised.v1' }.detail.params.supervisor",
                        equalTo("liu"))
                .body("entries.find { it.type == 'gridloop.escalation.raised.v1' }.detail.params.level",
                        equalTo("DISTRICT"))
                .body("entries.find { it.type == 'gridloop.escalation.raised.v1' }.detail.params.note",
                        equalTo(reason)));
        assertThat(topics.count(id, EventTypes.ESCALATION_RAISED)).isEqualTo(1);
    }

    /** A community's supervisor raises a case to the street (the level above the community). */
    @Test
    void aCommunitySupervisorRaisesACaseToTheStreet() {
        String id = aCase();
        raise(COMMUNITY_SUPERVISOR, id, Map.of("reason", "需街道协调物业和产权单位")).statusCode(201)
                .body("level", equalTo("STREET")).body("unit", equalTo("110105001"))
                .body("raisedOnPurpose.unit", equalTo(GRID.substring(0, 12)));
        assertThat(raised(id).level()).isEqualTo("STREET");
    }

    /** Without a reason (missing, blank, too long) nothing is raised: 400 naming the field. */
    @Test
    void raisingACaseNeedsAReason() {
        String id = aCase();
        raise(DemoUser.STREET_SUPERVISOR, id, Map.of()).statusCode(400).body("errors[0].field", equalTo("reason"));
        raise(DemoUser.STREET_SUPERVISOR, id, Map.of("reason", "  ")).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        raise(DemoUser.STREET_SUPERVISOR, id, Map.of("reason", "长".repeat(501))).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        noEscalationOf(id);
    }

    /**
     * Only a supervisor whose unit covers the case raises it: another street's gets 404 (as for a case that does not
     * exist), residents and admins (no level to raise from) 403, nobody signed in 401.
     */
    @Test
    void onlyTheSupervisorsAboveTheCaseRaiseIt() {
        String id = aCase();
        Map<String, String> body = Map.of("reason", "无权协调");
        raise(DemoUser.STREET_SUPERVISOR_2, id, body).statusCode(404);
        raise(DemoUser.STREET_SUPERVISOR, "REQ-NOSUCHCASE", body).statusCode(404);
        raise(DemoUser.RESIDENT, id, body).statusCode(403);
        raise(DemoUser.GRID_WORKER, id, body).statusCode(403);
        raise(DemoUser.ADMIN, id, body).statusCode(403);
        given().contentType(ContentType.JSON).body(body).when().post("/api/cases/" + id + "/raise")
                .then().statusCode(401);
        noEscalationOf(id);
    }

    /** The city is the top of the ladder: its supervisors have no level to raise a case to (409). */
    @Test
    void theCityCannotRaiseACase() {
        String id = aCase();
        raise(DemoUser.CITY_SUPERVISOR, id, Map.of("reason", "上提")).statusCode(409);
        noEscalationOf(id);
    }

    /** A closed case (办结销号) is not raised (409). */
    @Test
    void aClosedCaseIsNotRaised() {
        String id = aCase();
        topics.send(TestEvents.event(EventTypes.REQUEST_CLOSED, id, Actor.SYSTEM, Instant.now(),
                new RequestEvents.Closed(id, org.gridloop.contracts.CaseOutcome.RESOLVED, 5)));
        await().atMost(EventTopics.PATIENCE).untilAsserted(() -> given().auth().oauth2(token(DemoUser.ADMIN))
                .when().get("/api/cases/" + id).then().statusCode(200).body("status", equalTo("CLOSED")));
        raise(DemoUser.STREET_SUPERVISOR, id, Map.of("reason", "上提")).statusCode(409);
        noEscalationOf(id);
    }

    /**
     * The ladder is entered where the stalled department can be commanded (escalation-entry.dmn): a district
     * department's missed limit at the district, a city department's at the city; the department's unit comes with
     * the missed limit (report-in names it from its directory).
     */
    @Test
    void aDistrictDepartmentsStallEntersAtTheDistrictAndACityDepartmentsAtTheCity() {
        String district = TestEvents.newRequestId();
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        topics.send(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, district, Actor.SYSTEM, due,
                new DispatchEvents.LimitMissed(district, 1, "district-110105", DispatchLimit.RESOLUTION, due, GRID,
                        "110105")));
        EscalationEvents.Raised atDistrict = raised(district);
        assertThat(atDistrict.trigger()).isEqualTo("RESOLUTION_MISSED");
        assertThat(atDistrict.department()).isEqualTo("district-110105");
        assertThat(atDistrict.level()).isEqualTo("DISTRICT");
        assertThat(atDistrict.unit()).isEqualTo("110105");
        assertThat(openFor(DemoUser.DISTRICT_SUPERVISOR)).contains(atDistrict.escalationId());
        assertThat(openFor(DemoUser.STREET_SUPERVISOR)).doesNotContain(atDistrict.escalationId());
        JsonPath record = escalation(DemoUser.DISTRICT_SUPERVISOR, atDistrict.escalationId());
        assertThat(record.getString("departmentUnit")).isEqualTo("110105");
        assertThat(record.getList("tasks.level")).containsExactly("DISTRICT");

        String city = TestEvents.newRequestId();
        topics.send(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, city, Actor.SYSTEM, due,
                new DispatchEvents.LimitMissed(city, 1, "water", DispatchLimit.REPORT_IN, due, GRID, "110100")));
        EscalationEvents.Raised atCity = raised(city);
        assertThat(atCity.level()).isEqualTo("CITY");
        assertThat(atCity.unit()).isEqualTo("110100");
        assertThat(openFor(DemoUser.CITY_SUPERVISOR)).contains(atCity.escalationId());
        assertThat(openFor(DemoUser.DISTRICT_SUPERVISOR)).doesNotContain(atCity.escalationId());
    }

    @Test
    void coordinateNamesTheDepartmentsItConvenes() {
        String id = TestEvents.newRequestId();
        aMissedReportIn(id);
        String escalationId = raised(id).escalationId();
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", EscalationDecision.COORDINATE, "note", "周三会商",
                        "departments", List.of("housing", "urban-management", "housing")))
                .when().post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(200).body("decision.decision", equalTo("COORDINATE"));
        await().atMost(EventTopics.PATIENCE).until(() -> topics.count(id, EventTypes.ESCALATION_DECIDED) == 1);
        assertThat(topics.payloads(id, EventTypes.ESCALATION_DECIDED).get(0).departments())
                .containsExactly("housing", "urban-management");
    }

    @Test
    void aCaseTheGridRaisedOnPurposeGoesToTheCommunityWithItsReasonUntilTheGridDecides() {
        String id = TestEvents.newRequestId();
        topics.send(TestEvents.event(EventTypes.REQUEST_RAISED, id, TestEvents.WORKER, Instant.now(),
                new RequestEvents.Raised(id, GRID, "wang", "COMMUNITY", "违建涉及多个产权单位")));
        EscalationEvents.Raised raised = raised(id);
        assertThat(raised.trigger()).isEqualTo("RAISED");
        assertThat(raised.level()).isEqualTo("COMMUNITY");
        assertThat(raised.unit()).isEqualTo(GRID.substring(0, 12));
        assertThat(openFor(DemoUser.STREET_SUPERVISOR)).contains(raised.escalationId()); // under the street

        // the grid found a way after all (here: decided after the departments): the escalation ends as resolved
        topics.send(TestEvents.event(EventTypes.REQUEST_CALLER_DECIDED, id, TestEvents.WORKER, Instant.now(),
                new RequestEvents.CallerDecided(id, GRID, 1, CallerDecision.VERIFY, "wang", null)));
        await().atMost(EventTopics.PATIENCE).until(() -> topics.count(id, EventTypes.ESCALATION_ENDED) == 1);
        assertThat(topics.payloads(id, EventTypes.ESCALATION_ENDED).get(0).reason())
                .isEqualTo(EscalationEndReason.RESOLVED);
    }

    @Test
    void aMissedReturnVisitIsTheGridsToAnswerAndTheCallBackEndsIt() {
        String id = TestEvents.newRequestId();
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        topics.send(TestEvents.event(EventTypes.REQUEST_RETURN_VISIT_REQUESTED, id, Actor.SYSTEM, due.minusSeconds(60),
                new RequestEvents.ReturnVisitRequested(id, GRID, due)));
        topics.send(TestEvents.event(EventTypes.REQUEST_LIMIT_MISSED, id, Actor.SYSTEM, due,
                new RequestEvents.LimitMissed(id, LimitStage.RETURN_VISIT, GRID, due)));
        EscalationEvents.Raised raised = raised(id);
        assertThat(raised.trigger()).isEqualTo("RETURN_VISIT_MISSED");
        assertThat(raised.department()).isNull();
        assertThat(raised.unit()).isEqualTo(GRID.substring(0, 12));

        // nobody reached is still the call back done: the escalation ends as resolved
        topics.send(TestEvents.event(EventTypes.REQUEST_RETURN_VISITED, id, TestEvents.WORKER, Instant.now(),
                new RequestEvents.ReturnVisited(id, GRID, "wang", false, null, null)));
        await().atMost(EventTopics.PATIENCE).until(() -> topics.count(id, EventTypes.ESCALATION_ENDED) == 1);
        assertThat(topics.payloads(id, EventTypes.ESCALATION_ENDED).get(0).reason())
                .isEqualTo(EscalationEndReason.RESOLVED);
    }

    @Test
    void aMissedLimitThatNamesItsGridIsEscalatedWithoutAnyEarlierEventOfTheCase() {
        String id = TestEvents.newRequestId();
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        topics.send(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, id, Actor.SYSTEM, due,
                new DispatchEvents.LimitMissed(id, 1, "housing", DispatchLimit.RESOLUTION, due, "110105002001001")));
        EscalationEvents.Raised raised = raised(id);
        assertThat(raised.trigger()).isEqualTo("RESOLUTION_MISSED");
        assertThat(raised.department()).isEqualTo("housing");
        assertThat(raised.gridCode()).isEqualTo("110105002001001");
        assertThat(raised.unit()).isEqualTo("110105002001");
    }

    /**
     * A missed limit whose grid neither the event nor an earlier event of the case named cannot be escalated: it is
     * parked with the reason, and the case's later events queue behind it (the platform keeps a request's events in
     * order), the grid-naming one included — so it stays parked until an operator replays or drops it.
     */
    @Test
    void aMissedLimitOfACaseWhoseGridNobodyNamedIsParkedAndTheCaseWaitsBehindIt() {
        String id = TestEvents.newRequestId();
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        topics.send(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, id, Actor.SYSTEM, due,
                new DispatchEvents.LimitMissed(id, 1, "water", DispatchLimit.REPORT_IN, due, null)));
        await().atMost(EventTopics.PATIENCE).until(() -> parkedOf(id).size() == 1);
        assertThat(parkedOf(id).get(0).eventType()).isEqualTo(EventTypes.DISPATCH_LIMIT_MISSED.name());
        assertThat(parkedOf(id).get(0).reason()).contains("grid of " + id + " not known yet");

        topics.send(TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, new Actor("alice", "resident"),
                due.minus(Duration.ofHours(1)), new RequestEvents.Submitted(id, "resident", "water-leak", "漏水",
                        LOCATION, GRID, List.of(), false, due.minus(Duration.ofHours(1)))));
        await().atMost(EventTopics.PATIENCE).until(() -> parkedOf(id).size() == 2);
        assertThat(parkedOf(id).get(1).eventType()).isEqualTo(EventTypes.REQUEST_SUBMITTED.name());
        assertThat(parkedOf(id).get(1).reason()).contains("behind an earlier parked event");
        // the operator sees them on the metrics endpoint (sampled every few seconds)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(MetricsText.value(metrics, "gridloop_parked_events", "status=\"WAITING\"").orElse(-1))
                    .isGreaterThanOrEqualTo(2);
            assertThat(MetricsText.value(metrics, "gridloop_parked_oldest_seconds", "").orElse(-1)).isPositive();
            assertThat(MetricsText.value(metrics, "gridloop_outbox_events", "")).isPresent();
            // the consumer lag per group and partition: Quarkus binds the Kafka clients' own metrics
            assertThat(MetricsText.value(metrics, "kafka_consumer_fetch_manager_records_lag_max", "")).isPresent();
        });
        // nothing of the case was applied: no escalation, no timeline
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/escalations?status=all")
                .then().statusCode(200).body("requestId", not(hasItem(id)));
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/cases/" + id).then().statusCode(404);
        assertThat(topics.count(id, EventTypes.ESCALATION_RAISED)).isZero();
    }

    /**
     * A relay that re-sent a record after a crash can put the same event twice into one poll; the consumer hands
     * both copies to the per-event handlers. The driver takes it as one missed limit; another event of the same
     * limit is a repeat. (Driven directly, in a transaction that is rolled back.)
     */
    @Test
    void theSameMissedLimitTwiceInOneBatchIsOneMissedLimitAndAnotherIsARepeat() throws Exception {
        String id = TestEvents.newRequestId();
        Instant due = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CloudEvent<DispatchEvents.LimitMissed> missed = TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, id,
                Actor.SYSTEM, due, new DispatchEvents.LimitMissed(id, 1, "water", DispatchLimit.REPORT_IN, due, GRID));
        transaction.begin();
        try {
            driver.limitMissed(missed);
            driver.limitMissed(missed);
            List<Escalation> open = escalations.openOf(id);
            assertThat(open).hasSize(1);
            assertThat(open.get(0).repeats).isZero();
            assertThat(open.get(0).level).isEqualTo("COMMUNITY");

            driver.limitMissed(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, id, Actor.SYSTEM, due,
                    missed.data()));
            assertThat(escalations.openOf(id)).hasSize(1).first().extracting(e -> e.repeats).isEqualTo(1);
        } finally {
            transaction.rollback();
        }
    }

    private List<ParkedEvents.Parked> parkedOf(String requestId) {
        return parked.list(EventTable.CONSUMER, 1000).stream().filter(p -> requestId.equals(p.requestId()))
                .toList();
    }
}
