package org.gridloop.reportin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.DispatchLimit;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.reportin.TestEvents.DISPATCHES;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A whistle travels from Kafka through the dispatch process to the departments' lists; their report-ins and
 * answers travel through the outbox, Kafka and the process back out as dispatch.resolved. Real broker, real database.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class DispatchIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    static String token(DemoUser user) {
        return SharedInfra.get().jwt().token(user);
    }

    /** Sends the whistle and waits until the department sees it in its list. */
    static String whistled(String category, DemoUser department) {
        String requestId = TestEvents.newRequestId();
        DISPATCHES.send(TestEvents.whistle(requestId, category));
        awaitCalled(requestId, department);
        return requestId;
    }

    static void awaitCalled(String requestId, DemoUser department) {
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(department))
                .when().get("/api/dispatches")
                .then().statusCode(200).body("requestId", hasItem(requestId)));
    }

    static void reportIn(String requestId, DemoUser department) {
        given().auth().oauth2(token(department)).when().post("/api/dispatches/" + requestId + "/report-in")
                .then().statusCode(200).body("status", equalTo("REPORTED_IN"));
    }

    static void answer(String requestId, DemoUser department, String body) {
        given().auth().oauth2(token(department)).contentType(ContentType.JSON).body(body)
                .when().post("/api/dispatches/" + requestId + "/answer")
                .then().statusCode(200).body("status", equalTo("ANSWERED"));
    }

    static List<DispatchEvents.Resolved> resolved(String requestId) {
        return DISPATCHES.payloads(requestId, EventTypes.DISPATCH_RESOLVED);
    }

    /** Waits for round {@code rounds}' resolution, then: exactly that many resolutions, in order. */
    static List<DispatchEvents.Resolved> awaitResolved(String requestId, int rounds) {
        await().atMost(WAIT).until(() -> resolved(requestId).size() >= rounds);
        List<DispatchEvents.Resolved> all = resolved(requestId);
        assertThat(all).hasSize(rounds);
        return all;
    }

    /** The dispatch.started of round 1, once read (the departments' lists may show the call first). */
    static DispatchEvents.Started started(String requestId) {
        await().atMost(WAIT).until(() -> !DISPATCHES.payloads(requestId, EventTypes.DISPATCH_STARTED).isEmpty());
        return DISPATCHES.payloads(requestId, EventTypes.DISPATCH_STARTED).get(0);
    }

    @Test
    void singleDepartmentReportsInAnswersAndTheDispatchIsResolved() {
        String id = whistled("water-leak", DemoUser.WATER);
        given().auth().oauth2(token(DemoUser.WATER)).when().get("/api/dispatches")
                .then().body("find { it.requestId == '" + id + "' }.role", equalTo("lead"))
                .body("find { it.requestId == '" + id + "' }.status", equalTo("CALLED"))
                .body("find { it.requestId == '" + id + "' }.description", equalTo("测试: water-leak 💧"));
        given().auth().oauth2(token(DemoUser.WATER)).when().get("/api/dispatches/" + id)
                .then().statusCode(200).body("departments.department", equalTo(List.of("water")))
                .body("status", equalTo("OPEN"));
        // answering before reporting in is out of order
        given().auth().oauth2(token(DemoUser.WATER)).contentType(ContentType.JSON).body("{\"result\":\"FIXED\"}")
                .when().post("/api/dispatches/" + id + "/answer").then().statusCode(409)
                .contentType("application/problem+json");
        reportIn(id, DemoUser.WATER);
        given().auth().oauth2(token(DemoUser.WATER)).when().post("/api/dispatches/" + id + "/report-in")
                .then().statusCode(409);
        answer(id, DemoUser.WATER, "{\"result\":\"FIXED\",\"note\":\"已更换破损管段\"}");

        awaitResolved(id, 1);
        DispatchEvents.Resolved resolved = resolved(id).get(0);
        assertThat(resolved.round()).isEqualTo(1);
        assertThat(resolved.answers()).containsExactly(
                new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "已更换破损管段"));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(DemoUser.WATER))
                .when().get("/api/dispatches/" + id).then().body("status", equalTo("RESOLVED")));
    }

    @Test
    void jointHandlingResolvesOnlyWhenEveryDepartmentAnswered() {
        String id = whistled("sewer-blockage", DemoUser.WATER);
        awaitCalled(id, DemoUser.HOUSING);
        DispatchEvents.Started started = started(id);
        assertThat(started.departments()).extracting(DispatchEvents.CalledDepartment::department,
                DispatchEvents.CalledDepartment::role).containsExactly(
                org.assertj.core.groups.Tuple.tuple("water", "lead"),
                org.assertj.core.groups.Tuple.tuple("housing", "co"));
        assertThat(started.fallback()).isFalse();

        // the lead answers last (会商联办): the co-department first
        reportIn(id, DemoUser.WATER);
        reportIn(id, DemoUser.HOUSING);
        answer(id, DemoUser.HOUSING, "{\"result\":\"PARTLY\",\"note\":\"楼内管道需业主配合\"}");
        // the housing answer went through the process in its own step, and the round is still open
        given().auth().oauth2(token(DemoUser.WATER)).when().get("/api/dispatches/" + id)
                .then().statusCode(200).body("status", equalTo("OPEN"));

        answer(id, DemoUser.WATER, "{\"result\":\"FIXED\"}");
        // the lead's answer resolved the round in the same step
        given().auth().oauth2(token(DemoUser.WATER)).when().get("/api/dispatches/" + id)
                .then().statusCode(200).body("status", equalTo("RESOLVED"));
        awaitResolved(id, 1);
        assertThat(resolved(id).get(0).answers()).containsExactly(
                new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, null),
                new DispatchEvents.Answer("housing", "co", AnswerResult.PARTLY, "楼内管道需业主配合"));
    }

    @Test
    void noMatchingRuleFallsBackToTheDistrict() {
        String id = whistled("other", DemoUser.DISTRICT_OFFICE);
        DispatchEvents.Started started = started(id);
        assertThat(started.fallback()).isTrue();
        assertThat(started.district()).isEqualTo("110105");
        assertThat(started.departments()).extracting(DispatchEvents.CalledDepartment::department)
                .containsExactly("district-110105");
        given().auth().oauth2(token(DemoUser.DISTRICT_OFFICE)).when().get("/api/dispatches/" + id)
                .then().statusCode(200).body("fallback", equalTo(true));
        // the district office's stall names its district, so that the district's supervisors take it
        // (the test profile sets gridloop.limits.report-in=PT2S)
        await().atMost(WAIT).untilAsserted(() -> assertThat(DISPATCHES.payloads(id, EventTypes.DISPATCH_LIMIT_MISSED))
                .anySatisfy(missed -> {
                    assertThat(missed.department()).isEqualTo("district-110105");
                    assertThat(missed.limit()).isEqualTo(DispatchLimit.REPORT_IN);
                    assertThat(missed.departmentUnit()).isEqualTo("110105");
                }));
        reportIn(id, DemoUser.DISTRICT_OFFICE);
    }

    @Test
    void otherDepartmentsAndResidentsAreKeptOut() {
        String id = whistled("water-leak", DemoUser.WATER);
        given().auth().oauth2(token(DemoUser.URBAN)).when().get("/api/dispatches/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token(DemoUser.URBAN)).when().post("/api/dispatches/" + id + "/report-in")
                .then().statusCode(404);
        given().auth().oauth2(token(DemoUser.URBAN)).when().get("/api/dispatches")
                .then().statusCode(200).body("requestId", org.hamcrest.Matchers.not(hasItem(id)));
        given().auth().oauth2(token(DemoUser.RESIDENT)).when().get("/api/dispatches").then().statusCode(403);
        given().when().get("/api/dispatches").then().statusCode(401);
        // a supervisor above the grid reads it, one of another street does not
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/dispatches/" + id)
                .then().statusCode(200);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).when().get("/api/dispatches/" + id)
                .then().statusCode(404);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().post("/api/dispatches/" + id + "/report-in")
                .then().statusCode(403);
    }

    @Test
    void aWhistleDeliveredTwiceStartsOneDispatch() {
        String id = TestEvents.newRequestId();
        CloudEvent<RequestEvents.Whistled> whistle = TestEvents.whistle(id, "road-damage");
        DISPATCHES.send(whistle);
        DISPATCHES.send(whistle);
        // a later whistle of the same request (same partition, read after both): once its round started, the
        // repeat was consumed too
        DISPATCHES.send(CloudEvent.of(EventTypes.REQUEST_WHISTLED, "/gridloop/grid-intake", id,
                org.gridloop.contracts.Actor.SYSTEM, new RequestEvents.Whistled(id, 2, "road-damage", "第二轮",
                        new RequestEvents.Location(39.905, 116.445, null), TestEvents.GRID, "verification failed")));
        await().atMost(WAIT).until(() -> DISPATCHES.payloads(id, EventTypes.DISPATCH_STARTED).stream()
                .anyMatch(s -> s.round() == 2));
        assertThat(DISPATCHES.payloads(id, EventTypes.DISPATCH_STARTED)).extracting(DispatchEvents.Started::round)
                .containsExactly(1, 2);
        given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/dispatches/" + id)
                .then().statusCode(200).body("round", equalTo(2))
                .body("departments.department", equalTo(List.of("transport")));
    }

    @Test
    void aDepartmentThatDoesNotReportInMissesTheLimit() {
        // the test profile sets gridloop.limits.report-in=PT2S
        String id = whistled("illegal-construction", DemoUser.URBAN);
        reportIn(id, DemoUser.URBAN);
        await().atMost(WAIT).untilAsserted(() -> assertThat(DISPATCHES.payloads(id, EventTypes.DISPATCH_LIMIT_MISSED))
                .anySatisfy(missed -> {
                    assertThat(missed.department()).isEqualTo("housing");
                    assertThat(missed.limit()).isEqualTo(DispatchLimit.REPORT_IN);
                    assertThat(missed.round()).isEqualTo(1);
                    assertThat(missed.due()).isNotNull();
                    // a city department (the directory's unit): the city's supervisors take its stall
                    assertThat(missed.departmentUnit()).isEqualTo("110100");
                }));
        await().atMost(WAIT).untilAsserted(() -> given().auth().oauth2(token(DemoUser.HOUSING))
                .when().get("/api/dispatches/" + id)
                .then().body("departments.find { it.department == 'housing' }.reportInMissed", equalTo(true)));
        // (whether urban-management made its 2-second limit depends on the machine's speed, so it is not asserted)
        // late, but the department still has to report in
        reportIn(id, DemoUser.HOUSING);
    }

    @Test
    void badAnswerIsAProblemNamingTheField() {
        String id = whistled("street-light", DemoUser.URBAN);
        reportIn(id, DemoUser.URBAN);
        given().auth().oauth2(token(DemoUser.URBAN)).contentType(ContentType.JSON).body("{\"result\":\"MAYBE\"}")
                .when().post("/api/dispatches/" + id + "/answer")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("result"));
        given().auth().oauth2(token(DemoUser.URBAN)).contentType(ContentType.JSON).body("{\"result\":\"CANNOT_FIX\"}")
                .when().post("/api/dispatches/" + id + "/answer")
                .then().statusCode(400).body("errors[0].field", equalTo("note"));
        given().auth().oauth2(token(DemoUser.URBAN)).contentType(ContentType.JSON)
                .body("{\"result\":\"PARTLY\",\"note\":\"" + "x".repeat(2001) + "\"}")
                .when().post("/api/dispatches/" + id + "/answer")
                .then().statusCode(400).body("errors[0].field", equalTo("note"));
        // nothing was stored: the department can still answer properly
        answer(id, DemoUser.URBAN, "{\"result\":\"FIXED\"}");
    }
}
