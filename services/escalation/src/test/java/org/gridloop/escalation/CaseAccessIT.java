package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Supervisors read what is under their unit; others of the role get 404, other roles 403, no token 401. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class CaseAccessIT {

    static final String GRID = "110105001001001";
    static String id;

    @BeforeAll
    static void aCaseInGrid110105001001001() {
        id = TestEvents.newRequestId();
        Instant now = Instant.now();
        try (EventTopics events = EventTopics.producer()) {
            events.send(TestEvents.event(EventTypes.REQUEST_SUBMITTED, id, TestEvents.WORKER, now,
                    new RequestEvents.Submitted(id, "patrol", "road-damage", "坑洼",
                            new RequestEvents.Location(39.905, 116.445, null), GRID, List.of(), false, now)));
        }
    }

    static String token(DemoUser user) {
        return SharedInfra.get().jwt().token(user);
    }

    @Test
    void supervisorsAboveTheGridAndAdminsSeeIt() {
        await().atMost(EventTopics.PATIENCE).untilAsserted(() ->
                given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/cases/" + id)
                        .then().statusCode(200).body("gridCode", equalTo(GRID)));
        for (DemoUser user : List.of(DemoUser.STREET_SUPERVISOR, DemoUser.DISTRICT_SUPERVISOR,
                DemoUser.CITY_SUPERVISOR, DemoUser.ADMIN)) {
            given().auth().oauth2(token(user)).when().get("/api/cases/" + id)
                    .then().statusCode(200).body("requestId", equalTo(id)).body("status", equalTo("SUBMITTED"));
            given().auth().oauth2(token(user)).when().get("/api/cases/" + id + "/timeline")
                    .then().statusCode(200).body("entries[0].stage", equalTo("discovery"))
                    .body("entries[0].actor", equalTo("wang"));
        }
    }

    @Test
    void aSupervisorOfAnotherUnitGetsNotFound() {
        await().atMost(EventTopics.PATIENCE).untilAsserted(() ->
                given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/cases/" + id).then().statusCode(200));
        for (String path : List.of("/api/cases/" + id, "/api/cases/" + id + "/timeline")) {
            given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).when().get(path)
                    .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        }
    }

    @Test
    void residentsGridWorkersAndDepartmentsAreForbiddenAndStrangersUnauthorized() {
        for (String path : List.of("/api/cases/" + id, "/api/cases/" + id + "/timeline")) {
            for (DemoUser user : List.of(DemoUser.RESIDENT, DemoUser.GRID_WORKER, DemoUser.WATER)) {
                given().auth().oauth2(token(user)).when().get(path).then().statusCode(403);
            }
            given().when().get(path).then().statusCode(401);
        }
    }

    @Test
    void anUnknownCaseIsAProblem404() {
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/cases/NO-SUCH-CASE/timeline")
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Not found"));
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/cases/NO-SUCH-CASE")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
