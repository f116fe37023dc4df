package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gridloop.contracts.Actor;
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
import static org.hamcrest.Matchers.hasItem;

/** grid-intake's own time limits (seconds long in tests), a supervisor's order to close, and the case's diagram. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class LimitsAndOrdersIT {

    static EventTopics requests;

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

        given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON)
                .post("/api/tasks/" + id + "/claim").then().statusCode(200);
        given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON)
                .body("{\"note\":\"迟到的处置\"}").post("/api/tasks/" + id + "/complete").then().statusCode(200);
        awaitStatus(id, "AWAITING_FEEDBACK");
        await().atMost(EventTopics.PATIENCE).until(() -> missedStages(id).contains(LimitStage.FEEDBACK));
        // each limit missed once: the grid's missed limit is not announced again once the grid finished late
        assertThat(missedStages(id)).containsExactly(LimitStage.GRID_HANDLING, LimitStage.FEEDBACK);
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
                .body("processDefinitionKey", org.hamcrest.Matchers.equalTo("resident-request"))
                .body("bpmnXml", containsString("BPMNDiagram"))
                .body("completedActivityIds", hasItem("ServiceTask_Whistle"))
                .body("activeActivityIds", hasItem("ReceiveTask_DispatchResolved"));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).when().get("/api/requests/" + id + "/process")
                .then().statusCode(404);
    }
}
