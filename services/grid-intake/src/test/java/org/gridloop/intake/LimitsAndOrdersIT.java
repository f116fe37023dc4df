package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.LimitStage;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.awaitStatus;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.request;
import static org.gridloop.intake.Fixtures.submit;
import static org.gridloop.intake.Fixtures.token;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * grid-intake's own time limits (seconds long in tests), the return visit (回访) after the feedback limit, a
 * supervisor's order to close, and the case's diagram.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class LimitsAndOrdersIT {

    static EventTopics requests;

    @jakarta.inject.Inject
    org.camunda.bpm.engine.RuntimeService runtime;

    @jakarta.inject.Inject
    org.camunda.bpm.engine.ManagementService management;

    @BeforeAll
    static void watch() {
        requests = EventTopics.watch(Topics.REQUESTS);
    }

    @AfterAll
    static void close() {
        requests.close();
    }

    private static List<LimitStage> missedStages(String id) {
        return requests.payloads(id, EventTypes.REQUEST_LIMIT_MISSED).stream().map(RequestEvents.LimitMissed::stage)
                .toList();
    }

    @Test
    void missedLimitsAreAnnouncedAndTheGridCanStillFinishLate() {
        String id = submit(DemoUser.RESIDENT, "garbage", nextSpot()).getString("id");
        awaitStatus(id, "GRID_HANDLING");
        await().atMost(EventTopics.PATIENCE).until(() -> missedStages(id).contains(LimitStage.GRID_HANDLING));

        handleOnSite(id);
        awaitStatus(id, "AWAITING_FEEDBACK");
        // no rating within the feedback limit: the grid calls back (回访); a missing rating is not a missed limit
        awaitStatus(id, "RETURN_VISIT");
        assertThat(requests.payloads(id, EventTypes.REQUEST_RETURN_VISIT_REQUESTED)).singleElement()
                .satisfies(r -> assertThat(r.gridCode()).isEqualTo(DemoUser.GRID_WORKER.grids().get(0)));
        // nor is the call back done in time: that one is the grid's missed limit
        await().atMost(EventTopics.PATIENCE).until(() -> missedStages(id).contains(LimitStage.RETURN_VISIT));
        // each limit missed once: the grid's missed limit is not announced again once the grid finished late
        assertThat(missedStages(id)).containsExactly(LimitStage.GRID_HANDLING, LimitStage.RETURN_VISIT);

        // nobody answers the call: the case closes, not evaluated (未评价), without a rating
        returnVisit(DemoUser.GRID_WORKER, id, "{\"reached\":false,\"comment\":\"电话三次无人接听\"}", 200)
                .body("request.status", equalTo("CLOSED")).body("request.outcome", equalTo("NOT_EVALUATED"));
        RequestEvents.Closed closed = closedEvent(id);
        assertThat(closed.outcome()).isEqualTo(CaseOutcome.NOT_EVALUATED);
        assertThat(closed.rating()).isNull();
        assertThat(requests.payloads(id, EventTypes.REQUEST_RETURN_VISITED)).singleElement()
                .satisfies(v -> assertThat(v.reached()).isFalse())
                .satisfies(v -> assertThat(v.visitor()).isEqualTo(DemoUser.GRID_WORKER.username()));
    }

    /**
     * 受理 by a person: an unclassified report from a resident (grid-routing.dmn: "other") waits for a grid worker of
     * its grid to accept it, an ACCEPT task with the due time the event announces and the timer counts to; the
     * acceptance limit passes and is announced once (stage ACCEPTANCE, which escalation turns into ACCEPTANCE_MISSED);
     * accepted late, the process routes it at once.
     */
    @Test
    void aReportHeldForAPersonsAcceptanceAnnouncesTheMissedAcceptanceLimitAndIsAcceptedLate() {
        String id = submit(DemoUser.RESIDENT, "other", nextSpot()).getString("id");
        Fixtures.assertStatus(id, "SUBMITTED");
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
        java.util.Date timer = management.createJobQuery().processInstanceId(instance).timers()
                .activityId("BoundaryEvent_AcceptanceLimit").singleResult().getDuedate();
        await().atMost(EventTopics.PATIENCE).until(() ->
                requests.count(id, EventTypes.REQUEST_ACCEPTANCE_REQUESTED) == 1);
        RequestEvents.AcceptanceRequested asked = requests.payloads(id, EventTypes.REQUEST_ACCEPTANCE_REQUESTED).get(0);
        assertThat(asked.due()).isEqualTo(timer.toInstant());
        assertThat(asked.gridCode()).isEqualTo(DemoUser.GRID_WORKER.grids().get(0));
        io.restassured.path.json.JsonPath task = given().auth().oauth2(token(DemoUser.GRID_WORKER)).when()
                .get("/api/tasks").then().statusCode(200).extract().jsonPath();
        assertThat(task.getString("find { it.request.id == '" + id + "' }.kind")).isEqualTo("ACCEPT");
        assertThat(java.time.Instant.parse(task.getString("find { it.request.id == '" + id + "' }.due")))
                .isEqualTo(asked.due());
        // a worker of another grid neither sees nor accepts it
        accept(DemoUser.GRID_WORKER_2, id, 404);

        await().atMost(EventTopics.PATIENCE).until(() -> missedStages(id).contains(LimitStage.ACCEPTANCE));
        Fixtures.assertStatus(id, "SUBMITTED");
        accept(DemoUser.GRID_WORKER, id, 200).body("kind", equalTo("HANDLE"))
                .body("request.status", equalTo("GRID_HANDLING"));
        // accepted once: a second acceptance finds nothing waiting
        accept(DemoUser.GRID_WORKER, id, 409);
        await().atMost(EventTopics.PATIENCE).until(() ->
                requests.count(id, EventTypes.REQUEST_ROUTED_TO_GRID) == 1);
        assertThat(requests.events(id, EventTypes.REQUEST_ACCEPTED)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(DemoUser.GRID_WORKER.username()));
        assertThat(missedStages(id).stream().filter(LimitStage.ACCEPTANCE::equals)).hasSize(1);
    }

    private static ValidatableResponse accept(DemoUser worker, String id, int status) {
        return given().auth().oauth2(token(worker)).contentType(ContentType.JSON)
                .post("/api/tasks/" + id + "/accept").then().statusCode(status);
    }

    @Test
    void aReturnVisitThatReachesTheResidentRecordsTheirRating() {
        String id = submit(DemoUser.RESIDENT, "garbage", nextSpot()).getString("id");
        awaitStatus(id, "GRID_HANDLING");
        handleOnSite(id);
        awaitStatus(id, "RETURN_VISIT");
        // the due time the event announces is the one the process's timer counts to (one calendar, one step)
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
        java.util.Date timer = management.createJobQuery().processInstanceId(instance).timers()
                .activityId("BoundaryEvent_ReturnVisitLimit").singleResult().getDuedate();
        await().atMost(EventTopics.PATIENCE).until(() ->
                requests.count(id, EventTypes.REQUEST_RETURN_VISIT_REQUESTED) == 1);
        assertThat(requests.payloads(id, EventTypes.REQUEST_RETURN_VISIT_REQUESTED).get(0).due().toEpochMilli())
                .isEqualTo(timer.getTime());
        given().auth().oauth2(token(DemoUser.GRID_WORKER)).when().get("/api/tasks").then().statusCode(200)
                .body("find { it.request.id == '" + id + "' }.kind", equalTo("RETURN_VISIT"));

        // reached without the rating, or a rating nobody gave: refused field by field, nothing changed
        returnVisit(DemoUser.GRID_WORKER, id, "{\"reached\":true}", 400).body("errors.field", hasItem("rating"));
        returnVisit(DemoUser.GRID_WORKER, id, "{\"reached\":false,\"rating\":3}", 400)
                .body("errors.field", hasItem("rating"));
        returnVisit(DemoUser.GRID_WORKER, id, "{\"reached\":true,\"rating\":9}", 400)
                .body("errors.field", hasItem("rating"));
        // a worker of another grid does not see the task
        returnVisit(DemoUser.GRID_WORKER_2, id, "{\"reached\":true,\"rating\":5}", 404);
        assertThat(request(id).getString("status")).isEqualTo("RETURN_VISIT");

        // reached: the resident's rating counts as their own; 2 sends the case back to handling (返工)
        returnVisit(DemoUser.GRID_WORKER, id, "{\"reached\":true,\"rating\":2,\"comment\":\"还有垃圾\"}", 200)
                .body("request.status", equalTo("GRID_HANDLING"));
        assertThat(request(id).getInt("reworkCount")).isEqualTo(1);
        handleOnSite(id);
        awaitStatus(id, "RETURN_VISIT");
        returnVisit(DemoUser.GRID_WORKER, id, "{\"reached\":true,\"rating\":5}", 200)
                .body("request.status", equalTo("CLOSED")).body("request.outcome", equalTo("RESOLVED"));
        assertThat(closedEvent(id).rating()).isEqualTo(5);
        // the refused calls announced nothing: the two return visits recorded are all there are
        assertThat(requests.payloads(id, EventTypes.REQUEST_RETURN_VISITED)).extracting(RequestEvents.ReturnVisited::rating)
                .containsExactly(2, 5);
        // done once: a second call back finds nothing to record
        returnVisit(DemoUser.GRID_WORKER, id, "{\"reached\":false}", 409);
    }

    @Test
    void theResidentMayStillRateWhileTheGridCallsBack() {
        String id = submit(DemoUser.RESIDENT, "garbage", nextSpot()).getString("id");
        awaitStatus(id, "GRID_HANDLING");
        handleOnSite(id);
        awaitStatus(id, "RETURN_VISIT");
        given().auth().oauth2(token(DemoUser.RESIDENT)).contentType(ContentType.JSON).body("{\"rating\":4}")
                .post("/api/requests/" + id + "/rating").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("outcome", equalTo("RESOLVED"));
        returnVisit(DemoUser.GRID_WORKER, id, "{\"reached\":true,\"rating\":1}", 409);
        assertThat(closedEvent(id).rating()).isEqualTo(4);
    }

    /** The case's closing as announced on gridloop.requests (relayed after the step's commit: waited for). */
    private static RequestEvents.Closed closedEvent(String id) {
        await().atMost(EventTopics.PATIENCE).until(() -> requests.count(id, EventTypes.REQUEST_CLOSED) == 1);
        return requests.payloads(id, EventTypes.REQUEST_CLOSED).get(0);
    }

    private static void handleOnSite(String id) {
        given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON)
                .post("/api/tasks/" + id + "/claim").then().statusCode(200);
        given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON)
                .body("{\"note\":\"迟到的处置\"}").post("/api/tasks/" + id + "/complete").then().statusCode(200);
    }

    private static ValidatableResponse returnVisit(DemoUser worker, String id, String body, int status) {
        return given().auth().oauth2(token(worker)).contentType(ContentType.JSON).body(body)
                .post("/api/tasks/" + id + "/return-visit").then().statusCode(status);
    }

    @Test
    void aSupervisorsOrderClosesTheCaseWhereverItStands() {
        String id = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        awaitStatus(id, "WHISTLED");
        requests.send(CloudEvent.of(EventTypes.ESCALATION_DECIDED, "/gridloop/escalation", id,
                new Actor("sun", "supervisor"), new EscalationEvents.Decided(id, "E-1", "DISTRICT", "110105", "sun",
                        EscalationDecision.ORDER_CLOSING, null, null, null, "督办结案")));
        awaitStatus(id, "CLOSED");
        assertThat(request(id).getString("outcome")).isEqualTo("CLOSED_BY_ORDER");
    }

    @Test
    void theCasesDiagramShowsTheStepsDoneAndWaiting() {
        String id = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        awaitStatus(id, "WHISTLED");
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/requests/" + id + "/process")
                .then().statusCode(200)
                .body("processDefinitionKey", equalTo("resident-request"))
                .body("bpmnXml", containsString("BPMNDiagram"))
                .body("completedActivityIds", hasItem("ServiceTask_Whistle"))
                .body("activeActivityIds", hasItem("ReceiveTask_DispatchResolved"));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).when().get("/api/requests/" + id + "/process")
                .then().statusCode(404);
    }
}
