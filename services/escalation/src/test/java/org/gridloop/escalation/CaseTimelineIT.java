package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
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
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Events of a whole loop, from two topics, become one ordered timeline; a repeat delivery changes nothing. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class CaseTimelineIT {

    static final String GRID = "110105001001001";
    static final RequestEvents.Location LOCATION = new RequestEvents.Location(39.905, 116.445, "建国里 3 号");
    static final Actor RESIDENT = new Actor("alice", "resident");
    static final Actor SYSTEM = Actor.SYSTEM;
    static final Actor WATER = new Actor("zhao", "department");

    static EventTopics events;

    @BeforeAll
    static void producer() {
        events = EventTopics.producer();
    }

    @AfterAll
    static void close() {
        events.close();
    }

    static String supervisor() {
        return SharedInfra.get().jwt().token(DemoUser.STREET_SUPERVISOR);
    }

    @Test
    void aWholeLoopIsEveryStepInOrderAndTheCaseIsClosedWithOutcomeAndRating() {
        String id = TestEvents.newRequestId();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        Instant due = t0.plus(Duration.ofDays(1));
        List<CloudEvent<?>> loop = List.of(
                TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, RESIDENT, t0,
                        new RequestEvents.Submitted(id, "resident", "water-leak", "水管爆裂, call 13800000000",
                                LOCATION, GRID, List.of(), false, t0)),
                TestEvents.event(EventTypes.REQUEST_ACCEPTED, id, SYSTEM, t0.plusSeconds(60),
                        new RequestEvents.Accepted(id, "water-leak", GRID)),
                TestEvents.event(EventTypes.REQUEST_WHISTLED, id, TestEvents.WORKER, t0.plusSeconds(120),
                        new RequestEvents.Whistled(id, 1, "water-leak", "水管爆裂", LOCATION, GRID, "main pipe")),
                TestEvents.event(EventTypes.DISPATCH_STARTED, id, SYSTEM, t0.plusSeconds(180),
                        new DispatchEvents.Started(id, 1, "water-leak", GRID, "110105", false,
                                List.of(new DispatchEvents.CalledDepartment("water", "lead", due, due)))),
                TestEvents.event(EventTypes.DISPATCH_REPORTED_IN, id, WATER, t0.plusSeconds(240),
                        new DispatchEvents.ReportedIn(id, 1, "water")),
                TestEvents.event(EventTypes.DISPATCH_ANSWERED, id, WATER, t0.plusSeconds(3600),
                        new DispatchEvents.Answered(id, 1, "water", AnswerResult.FIXED, "pipe replaced")),
                TestEvents.event(EventTypes.DISPATCH_RESOLVED, id, SYSTEM, t0.plusSeconds(3660),
                        new DispatchEvents.Resolved(id, 1,
                                List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "pipe replaced")))),
                TestEvents.event(EventTypes.REQUEST_FEEDBACK_REQUESTED, id, SYSTEM, t0.plusSeconds(3720),
                        new RequestEvents.FeedbackRequested(id, "water")),
                TestEvents.event(EventTypes.REQUEST_RATED, id, RESIDENT, t0.plusSeconds(5400),
                        new RequestEvents.Rated(id, 5, "谢谢, my phone is 13800000000")),
                TestEvents.event(EventTypes.REQUEST_CLOSED, id, SYSTEM, t0.plusSeconds(5460),
                        new RequestEvents.Closed(id, CaseOutcome.RESOLVED, 5)));
        loop.forEach(events::send);

        await().atMost(EventTopics.PATIENCE).untilAsserted(() ->
                given().auth().oauth2(supervisor()).when().get("/api/cases/" + id + "/timeline")
                        .then().statusCode(200).body("entries", hasSize(loop.size())));

        JsonPath timeline = given().auth().oauth2(supervisor()).when().get("/api/cases/" + id + "/timeline")
                .then().statusCode(200)
                .body("requestId", equalTo(id))
                .body("gridCode", equalTo(GRID))
                .body("category", equalTo("water-leak"))
                .body("status", equalTo("CLOSED"))
                .extract().jsonPath();
        assertThat(timeline.getList("entries.eventId"))
                .containsExactlyElementsOf(loop.stream().map(CloudEvent::id).toList());
        assertThat(timeline.getList("entries.type"))
                .containsExactlyElementsOf(loop.stream().map(CloudEvent::type).toList());
        assertThat(timeline.getList("entries.stage", String.class)).containsExactly(
                "discovery", "acceptance", "routing", "routing", "handling", "handling", "handling",
                "feedback", "feedback", "closing");
        assertThat(timeline.getString("entries[0].sinceSubmitted")).isEqualTo("PT0S");
        assertThat(timeline.getString("entries[5].sinceSubmitted")).isEqualTo("PT1H");
        assertThat(timeline.getString("entries[9].sinceSubmitted")).isEqualTo("PT1H31M");
        assertThat(timeline.getString("entries[5].department")).isEqualTo("water");
        assertThat(timeline.getString("entries[5].actor")).isEqualTo("zhao");
        assertThat(timeline.getString("entries[5].actorRole")).isEqualTo("department");
        // what each step says is a code with its values, for the pages to word: no sentence from the service
        assertThat(timeline.getList("entries.detail.code", String.class)).containsExactly(
                "request.submitted", "request.accepted", "request.whistled", "dispatch.started",
                "dispatch.reported-in", "dispatch.answered", "dispatch.resolved", "request.feedback-requested",
                "request.rated", "request.closed");
        assertThat(timeline.getMap("entries[0].detail.params")).containsOnly(entry("category", "water-leak"),
                entry("source", "resident"), entry("anonymous", false), entry("grid", GRID));
        assertThat(timeline.getMap("entries[3].detail.params")).containsOnly(entry("round", 1),
                entry("departments", List.of(Map.of("department", "water", "role", "lead"))));
        assertThat(timeline.getMap("entries[5].detail.params")).containsOnly(entry("department", "water"),
                entry("result", "FIXED"), entry("note", "pipe replaced"));
        assertThat(timeline.getMap("entries[6].detail.params")).containsOnly(entry("round", 1), entry("answers",
                List.of(Map.of("department", "water", "result", "FIXED", "note", "pipe replaced"))));
        assertThat(timeline.getMap("entries[8].detail.params")).containsOnly(entry("rating", 5),
                entry("unsatisfied", false));
        assertThat(timeline.getMap("entries[9].detail.params")).containsOnly(entry("outcome", "RESOLVED"),
                entry("rating", 5));
        assertThat(timeline.getString("entries[3].department")).isEqualTo("water");
        assertThat(Instant.parse(timeline.getString("entries[9].occurredAt"))).isEqualTo(t0.plusSeconds(5460));
        // the resident's own words, and the phone number in them, never reach the timeline
        assertThat(timeline.prettify()).doesNotContain("13800000000").doesNotContain("水管爆裂");

        given().auth().oauth2(supervisor()).when().get("/api/cases/" + id)
                .then().statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("outcome", equalTo("RESOLVED"))
                .body("rating", equalTo(5))
                .body("source", equalTo("resident"))
                .body("round", equalTo(1))
                .body("reworkCount", equalTo(0))
                .body("gridCode", equalTo(GRID));
        JsonPath summary = given().auth().oauth2(supervisor()).when().get("/api/cases/" + id).jsonPath();
        assertThat(Instant.parse(summary.getString("submittedAt"))).isEqualTo(t0);
        assertThat(Instant.parse(summary.getString("closedAt"))).isEqualTo(t0.plusSeconds(5460));
        assertThat(Instant.parse(summary.getString("lastEventAt"))).isEqualTo(t0.plusSeconds(5460));
    }

    @Test
    void theSameEventDeliveredTwiceIsOneEntry() {
        String id = TestEvents.newRequestId();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CloudEvent<RequestEvents.Submitted> submitted = TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, RESIDENT,
                t0, new RequestEvents.Submitted(id, "resident", "water-leak", "漏水", LOCATION, GRID, List.of(),
                        false, t0));
        CloudEvent<RequestEvents.Reopened> reopened = TestEvents.event(EventTypes.REQUEST_REOPENED, id, RESIDENT,
                t0.plusSeconds(60), new RequestEvents.Reopened(id, 1, "still leaking"));
        CloudEvent<RequestEvents.Accepted> marker = TestEvents.event(EventTypes.REQUEST_ACCEPTED, id, SYSTEM,
                t0.plusSeconds(120), new RequestEvents.Accepted(id, "water-leak", GRID));
        events.send(submitted);
        events.send(reopened);
        events.send(submitted);
        events.send(reopened);
        // same partition, in order: once the marker is applied, the repeats before it were seen too
        events.send(marker);

        await().atMost(EventTopics.PATIENCE).untilAsserted(() ->
                given().auth().oauth2(supervisor()).when().get("/api/cases/" + id + "/timeline")
                        .then().statusCode(200).body("entries.eventId", org.hamcrest.Matchers.hasItem(marker.id())));
        JsonPath timeline = given().auth().oauth2(supervisor()).when().get("/api/cases/" + id + "/timeline")
                .then().statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("entries.eventId"))
                .containsExactly(submitted.id(), reopened.id(), marker.id());
        given().auth().oauth2(supervisor()).when().get("/api/cases/" + id)
                .then().statusCode(200).body("reworkCount", equalTo(1)).body("status", equalTo("ACCEPTED"));
    }
}
