package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
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
 * task reached, and the district supervisor's decision reaches Kafka and ends the escalation.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class EscalationProcessIT {

    static final String GRID = "110105001001001";
    static final RequestEvents.Location LOCATION = new RequestEvents.Location(39.905, 116.445, null);

    static TestEvents events;
    static TopicWatcher escalations;

    @BeforeAll
    static void start() {
        events = new TestEvents();
        escalations = new TopicWatcher(Topics.ESCALATIONS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        events.close();
        escalations.close();
    }

    static String token(DemoUser user) {
        return SharedInfra.get().jwt().token(user);
    }

    /** A whistled case whose department "water" missed its report-in limit. */
    static void aMissedReportIn(String id) {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        Instant due = t0.plus(Duration.ofMinutes(30));
        events.send(TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, new Actor("alice", "resident"), t0,
                new RequestEvents.Submitted(id, "resident", "water-leak", "漏水", LOCATION, GRID, List.of(), false, t0)));
        events.send(TestEvents.event(EventTypes.REQUEST_WHISTLED, id, TestEvents.WORKER, t0.plusSeconds(60),
                new RequestEvents.Whistled(id, 1, "water-leak", "漏水", LOCATION, GRID, "main pipe")));
        events.send(TestEvents.event(EventTypes.DISPATCH_STARTED, id, Actor.SYSTEM, t0.plusSeconds(90),
                new DispatchEvents.Started(id, 1, "water-leak", GRID, "110105", false,
                        List.of(new DispatchEvents.CalledDepartment("water", "lead", due, t0.plus(Duration.ofDays(1)))))));
        events.send(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, id, Actor.SYSTEM, due,
                new DispatchEvents.LimitMissed(id, 1, "water", "REPORT_IN", due, null)));
    }

    static List<String> openFor(DemoUser user) {
        return given().auth().oauth2(token(user)).when().get("/api/escalations?status=open")
                .then().statusCode(200).extract().jsonPath().getList("escalationId", String.class);
    }

    @Test
    void aMissedReportInClimbsTwoLevelsAndTheDistrictSupervisorSetsANewDeadline() {
        String id = TestEvents.newRequestId();
        aMissedReportIn(id);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                !escalations.events(id, EventTypes.ESCALATION_RAISED.name()).isEmpty());
        EscalationEvents.Raised raised = (EscalationEvents.Raised)
                escalations.events(id, EventTypes.ESCALATION_RAISED.name()).get(0).data();
        String escalationId = raised.escalationId();
        assertThat(raised.trigger()).isEqualTo("REPORT_IN_MISSED");
        assertThat(raised.department()).isEqualTo("water");
        assertThat(raised.level()).isEqualTo("COMMUNITY");
        assertThat(raised.unit()).isEqualTo("110105001001");
        assertThat(raised.gridCode()).isEqualTo(GRID);

        // below the district, the street supervisor has the task (community and street are under their unit)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                openFor(DemoUser.STREET_SUPERVISOR).contains(escalationId));
        assertThat(openFor(DemoUser.STREET_SUPERVISOR_2)).doesNotContain(escalationId);

        // unanswered: lifted twice, to the street and to the district
        await().atMost(Duration.ofSeconds(30)).until(() ->
                escalations.events(id, EventTypes.ESCALATION_LIFTED.name()).size() == 2);
        List<EscalationEvents.Lifted> lifts = escalations.events(id, EventTypes.ESCALATION_LIFTED.name()).stream()
                .map(e -> (EscalationEvents.Lifted) e.data()).toList();
        assertThat(lifts).extracting(EscalationEvents.Lifted::fromLevel).containsExactly("COMMUNITY", "STREET");
        assertThat(lifts).extracting(EscalationEvents.Lifted::level).containsExactly("STREET", "DISTRICT");
        assertThat(lifts).extracting(EscalationEvents.Lifted::unit).containsExactly("110105001", "110105");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).when().get("/api/escalations/" + escalationId)
                        .then().statusCode(200).body("level", equalTo("DISTRICT"))
                        .body("tasks.level", equalTo(List.of("COMMUNITY", "STREET", "DISTRICT")))
                        .body("tasks.status", equalTo(List.of("LIFTED", "LIFTED", "OPEN"))));
        assertThat(openFor(DemoUser.DISTRICT_SUPERVISOR)).contains(escalationId);
        assertThat(openFor(DemoUser.CITY_SUPERVISOR)).contains(escalationId);
        assertThat(openFor(DemoUser.STREET_SUPERVISOR)).doesNotContain(escalationId);
        given().auth().oauth2(token(DemoUser.RESIDENT)).when().get("/api/escalations").then().statusCode(403);
        given().auth().oauth2(token(DemoUser.WATER)).when().get("/api/escalations/" + escalationId)
                .then().statusCode(403);

        Map<String, Object> newDeadline = Map.of("decision", "NEW_DEADLINE",
                "newDeadline", Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS).toString(),
                "note", "水务 to report in by then");
        // the street supervisor sees the case but the task is above them; another street does not see it at all
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).contentType(ContentType.JSON).body(newDeadline)
                .when().post("/api/escalations/" + escalationId + "/decision").then().statusCode(403);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).contentType(ContentType.JSON).body(newDeadline)
                .when().post("/api/escalations/" + escalationId + "/decision").then().statusCode(404);
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", "POSTPONE")).when().post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(400).body("errors[0].field", equalTo("decision"));
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON)
                .body(Map.of("decision", "NEW_DEADLINE")).when()
                .post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(400).body("errors[0].field", equalTo("newDeadline"));

        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON).body(newDeadline)
                .when().post("/api/escalations/" + escalationId + "/decision")
                .then().statusCode(200).body("status", equalTo("DECIDED"))
                .body("decision.decision", equalTo("NEW_DEADLINE")).body("decision.supervisor", equalTo("sun"));
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).contentType(ContentType.JSON).body(newDeadline)
                .when().post("/api/escalations/" + escalationId + "/decision").then().statusCode(409);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                !escalations.events(id, EventTypes.ESCALATION_ENDED.name()).isEmpty());
        List<EscalationEvents.Decided> decided = escalations.events(id, EventTypes.ESCALATION_DECIDED.name()).stream()
                .map(e -> (EscalationEvents.Decided) e.data()).toList();
        assertThat(decided).hasSize(1);
        assertThat(decided.get(0).decision()).isEqualTo("NEW_DEADLINE");
        assertThat(decided.get(0).department()).isEqualTo("water");
        assertThat(decided.get(0).level()).isEqualTo("DISTRICT");
        assertThat(decided.get(0).unit()).isEqualTo("110105");
        assertThat(decided.get(0).supervisor()).isEqualTo("sun");
        assertThat(decided.get(0).newDeadline()).isEqualTo(Instant.parse((String) newDeadline.get("newDeadline")));
        EscalationEvents.Ended ended = (EscalationEvents.Ended)
                escalations.events(id, EventTypes.ESCALATION_ENDED.name()).get(0).data();
        assertThat(ended.reason()).isEqualTo("DECIDED");
        assertThat(ended.escalationId()).isEqualTo(escalationId);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).when().get("/api/escalations/" + escalationId)
                        .then().statusCode(200).body("status", equalTo("ENDED")).body("endReason", equalTo("DECIDED"))
                        .body("tasks.status", equalTo(List.of("LIFTED", "LIFTED", "DECIDED"))));
        assertThat(openFor(DemoUser.DISTRICT_SUPERVISOR)).doesNotContain(escalationId);

        // every step is on the case's timeline; the missed limit is flagged on its stage
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
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
        events.send(TestEvents.event(EventTypes.DISPATCH_LIMIT_MISSED, id, Actor.SYSTEM, later,
                new DispatchEvents.LimitMissed(id, 1, "water", "REPORT_IN", later, null)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !escalations.events(id, EventTypes.ESCALATION_RAISED.name()).isEmpty());
        String escalationId = ((EscalationEvents.Raised)
                escalations.events(id, EventTypes.ESCALATION_RAISED.name()).get(0).data()).escalationId();

        events.send(TestEvents.event(EventTypes.DISPATCH_REPORTED_IN, id, new Actor("zhao", "department"),
                Instant.now(), new DispatchEvents.ReportedIn(id, 1, "water")));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !escalations.events(id, EventTypes.ESCALATION_ENDED.name()).isEmpty());
        assertThat(((EscalationEvents.Ended) escalations.events(id, EventTypes.ESCALATION_ENDED.name()).get(0).data())
                .reason()).isEqualTo("RESOLVED");
        assertThat(escalations.events(id, EventTypes.ESCALATION_RAISED.name())).hasSize(1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/escalations/" + escalationId)
                        .then().statusCode(200).body("status", equalTo("ENDED")).body("endReason", equalTo("RESOLVED")));
        assertThat(openFor(DemoUser.STREET_SUPERVISOR)).doesNotContain(escalationId);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/audit/escalated")
                .then().statusCode(200).body("escalationId", hasItem(escalationId));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).when().get("/api/audit/escalated")
                .then().statusCode(200).body("escalationId", not(hasItem(escalationId)));
    }
}
