package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.assertStatus;
import static org.gridloop.intake.Fixtures.awaitStatus;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.request;
import static org.gridloop.intake.Fixtures.submit;
import static org.gridloop.intake.Fixtures.token;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * 未诉先办 through real Kafka and PostgreSQL: a supervisor opens a proactive case from the cases that led to it
 * ({@code POST /api/requests/proactive}); it runs the loop with the source proactive and, with no resident to ask,
 * closes once the work is done; the links travel on the submitted event and show on the request views. Refusals
 * store nothing.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class ProactiveCaseIT {

    /** Spots of grid 110105002001001 (street 110105002, not STREET_SUPERVISOR's 110105001), 100 m apart. */
    private static final AtomicInteger OTHER_SPOT = new AtomicInteger();

    static EventTopics requests;

    @BeforeAll
    static void watch() {
        requests = EventTopics.watch(Topics.REQUESTS);
    }

    @AfterAll
    static void close() {
        requests.close();
    }

    private static double[] otherStreetSpot() {
        int i = OTHER_SPOT.getAndIncrement();
        return new double[]{39.9005 + (i % 10) * 0.001, 116.4605 + ((i / 10) % 10) * 0.001};
    }

    private static String body(String category, double[] spot, List<String> linked) {
        return """
                {"category":"%s","description":"未诉先办 %s","location":{"latitude":%s,"longitude":%s},
                 "linkedRequestIds":[%s]}""".formatted(category, category, spot[0], spot[1],
                linked.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")));
    }

    private static ValidatableResponse open(DemoUser user, String body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (user != null) {
            request = request.auth().oauth2(token(user));
        }
        return request.when().post("/api/requests/proactive").then();
    }

    private static void post(DemoUser user, String path, String body, int status) {
        given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body == null ? "" : body)
                .when().post(path).then().statusCode(status);
    }

    private static String closedGarbageCase(double[] spot) {
        String id = submit(DemoUser.RESIDENT, "garbage", spot).getString("id");
        post(DemoUser.GRID_WORKER, "/api/tasks/" + id + "/claim", null, 200);
        post(DemoUser.GRID_WORKER, "/api/tasks/" + id + "/complete", "{\"note\":\"清理完毕\"}", 200);
        post(DemoUser.RESIDENT, "/api/requests/" + id + "/rating", "{\"rating\":5}", 200);
        assertStatus(id, "CLOSED");
        return id;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = SharedInfra.get().postgres().connect();
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long storedRows() throws Exception {
        return count("SELECT (SELECT count(*) FROM grid_intake.service_request) "
                + "+ (SELECT count(*) FROM grid_intake.request_link)");
    }

    @Test
    void aProactiveCaseRunsTheLoopToItsCloseWithTheSourceProactiveAndItsLinksOnTheEvent() {
        double[] spot = nextSpot();
        String closed = closedGarbageCase(spot);
        // the same problem again at the same place, still open
        String open = submit(DemoUser.RESIDENT_2, "garbage", new double[]{spot[0] + 0.00018, spot[1]}).getString("id");
        assertStatus(open, "GRID_HANDLING");

        // an open garbage case 10 m away: a resident's report would be merged into it, a proactive case is not
        String id = open(DemoUser.STREET_SUPERVISOR, body("garbage", new double[]{spot[0] + 0.00009, spot[1]},
                List.of(closed, open, closed))).statusCode(201)
                .body("status", equalTo("GRID_HANDLING"))
                .body("source", equalTo("proactive"))
                .body("gridCode", equalTo("110105001001001"))
                .body("linkedRequestIds", contains(closed, open)) // a repeated id counts once
                .body("trackingToken", equalTo(null))
                .extract().jsonPath().getString("id");
        assertThat(request(id).getString("mergedInto")).isNull();

        post(DemoUser.GRID_WORKER, "/api/tasks/" + id + "/claim", null, 200);
        given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON)
                .body("{\"note\":\"清运并加设垃圾桶\"}").post("/api/tasks/" + id + "/complete")
                .then().statusCode(200).body("request.status", equalTo("CLOSED"));
        // no resident to ask: closed (办结) once handled, through the process's close
        assertThat(request(id).getString("outcome")).isEqualTo("RESOLVED");
        assertThat(request(id).getString("rating")).isNull();

        await().atMost(EventTopics.PATIENCE).until(() -> requests.count(id, EventTypes.REQUEST_CLOSED) == 1);
        List<CloudEvent<?>> events = requests.events(id);
        assertThat(events).extracting(CloudEvent::type).containsExactly(EventTypes.REQUEST_SUBMITTED.name(),
                EventTypes.REQUEST_ACCEPTED.name(), EventTypes.REQUEST_ROUTED_TO_GRID.name(),
                EventTypes.REQUEST_CLAIMED.name(), EventTypes.REQUEST_HANDLED_ON_SITE.name(),
                EventTypes.REQUEST_CLOSED.name());
        CloudEvent<?> submitted = events.get(0);
        assertThat(submitted.actor()).isEqualTo(DemoUser.STREET_SUPERVISOR.username());
        assertThat(submitted.actorrole()).isEqualTo("supervisor");
        RequestEvents.Submitted payload = (RequestEvents.Submitted) submitted.data();
        assertThat(payload.source()).isEqualTo("proactive");
        assertThat(payload.linkedRequestIds()).containsExactly(closed, open);
        // a resident's report carries none
        assertThat(requests.payloads(open, EventTypes.REQUEST_SUBMITTED)).singleElement()
                .satisfies(s -> assertThat(s.linkedRequestIds()).isNull());

        // the supervisor's view of the case: where it came from
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/requests/" + id)
                .then().statusCode(200).body("status", equalTo("CLOSED")).body("source", equalTo("proactive"))
                .body("linkedRequestIds", contains(closed, open)).body("followedBy", empty());
    }

    @Test
    void theLinksShowToStaffOnBothSidesAndNotToTheResidents() {
        double[] spot = nextSpot();
        String earlier = submit(DemoUser.RESIDENT, "noise", spot).getString("id");
        // unclassified: a person would accept a resident's; a supervisor's is accepted at once
        String id = open(DemoUser.DISTRICT_SUPERVISOR, body("other", spot, List.of(earlier))).statusCode(201)
                .body("status", equalTo("GRID_HANDLING")).extract().jsonPath().getString("id");

        given().auth().oauth2(token(DemoUser.GRID_WORKER)).when().get("/api/requests/" + earlier)
                .then().statusCode(200).body("followedBy", contains(id)).body("linkedRequestIds", empty());
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/requests/" + earlier)
                .then().statusCode(200).body("followedBy", contains(id));
        given().auth().oauth2(token(DemoUser.GRID_WORKER)).when().get("/api/requests/" + id)
                .then().statusCode(200).body("linkedRequestIds", contains(earlier));
        // the resident follows their own case; the proactive case is staff's business
        given().auth().oauth2(token(DemoUser.RESIDENT)).when().get("/api/requests/" + earlier)
                .then().statusCode(200).body("followedBy", empty());
        given().auth().oauth2(token(DemoUser.RESIDENT)).when().get("/api/requests/" + id).then().statusCode(404);
        // another street's supervisor sees neither
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR_2)).when().get("/api/requests/" + id)
                .then().statusCode(404);
    }

    @Test
    void aWhistledProactiveCaseClosesAfterAPassedVerification() {
        double[] spot = nextSpot();
        String earlier = submit(DemoUser.RESIDENT, "water-leak", spot).getString("id");
        String id = open(DemoUser.STREET_SUPERVISOR, body("water-leak", spot, List.of(earlier))).statusCode(201)
                .body("status", equalTo("WHISTLED")).extract().jsonPath().getString("id");

        requests.send(CloudEvent.of(EventTypes.DISPATCH_RESOLVED, "/gridloop/report-in", id, Actor.SYSTEM,
                new DispatchEvents.Resolved(id, 1, List.of(
                        new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "更换整段管道")))));
        awaitStatus(id, "VERIFYING");
        post(DemoUser.GRID_WORKER, "/api/tasks/" + id + "/verification", "{\"passed\":true,\"note\":\"已修好\"}", 200);
        assertStatus(id, "CLOSED");
        assertThat(request(id).getString("outcome")).isEqualTo("RESOLVED");
        await().atMost(EventTopics.PATIENCE).until(() -> requests.count(id, EventTypes.REQUEST_CLOSED) == 1);
        assertThat(requests.count(id, EventTypes.REQUEST_FEEDBACK_REQUESTED)).isZero();
    }

    @Test
    void aLinkedCaseMustExistAndBeUnderTheSupervisorsUnitElseNothingIsStored() throws Exception {
        double[] spot = nextSpot();
        String own = submit(DemoUser.RESIDENT, "street-light", spot).getString("id");
        String otherStreet = submit(DemoUser.RESIDENT, "street-light", otherStreetSpot()).getString("id");
        long before = storedRows();

        open(DemoUser.STREET_SUPERVISOR, body("street-light", spot, List.of(own, otherStreet))).statusCode(400)
                .body("errors[0].field", equalTo("linkedRequestIds"))
                .body("errors[0].message", containsString(otherStreet))
                .body("errors[0].message", not(containsString(own)));
        open(DemoUser.STREET_SUPERVISOR, body("street-light", spot, List.of(own, "R20000101-NOSUCH00")))
                .statusCode(400).body("errors[0].field", equalTo("linkedRequestIds"))
                .body("errors[0].message", containsString("R20000101-NOSUCH00"));
        // the other street's supervisor may not link this street's case, even for a case in their own street
        open(DemoUser.STREET_SUPERVISOR_2, body("street-light", otherStreetSpot(), List.of(otherStreet, own)))
                .statusCode(400).body("errors[0].field", equalTo("linkedRequestIds"));
        // the fields themselves: 1 to 50 cases
        open(DemoUser.STREET_SUPERVISOR, body("street-light", spot, List.of())).statusCode(400)
                .body("errors[0].field", equalTo("linkedRequestIds"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(own);
        }
        open(DemoUser.STREET_SUPERVISOR, body("street-light", spot, tooMany)).statusCode(400)
                .body("errors[0].field", equalTo("linkedRequestIds"));
        open(DemoUser.STREET_SUPERVISOR, """
                {"category":"street-light","description":"无关联","location":{"latitude":%s,"longitude":%s}}"""
                .formatted(spot[0], spot[1])).statusCode(400).body("errors[0].field", equalTo("linkedRequestIds"));

        assertThat(storedRows()).as("a refusal stores nothing").isEqualTo(before);
    }

    @Test
    void theCaseItselfMustBeUnderTheSupervisorsUnit() throws Exception {
        String own = submit(DemoUser.RESIDENT, "road-damage", nextSpot()).getString("id");
        long before = storedRows();
        // the district above both streets may; this street's supervisor may not open one in the other street
        open(DemoUser.STREET_SUPERVISOR, body("road-damage", otherStreetSpot(), List.of(own))).statusCode(400)
                .body("errors[0].field", equalTo("location"))
                .body("errors[0].message", containsString("110105002001001"));
        open(DemoUser.STREET_SUPERVISOR, body("road-damage", new double[]{31.23, 121.47}, List.of(own)))
                .statusCode(400).body("errors[0].field", equalTo("location"));
        open(DemoUser.STREET_SUPERVISOR, body("no-such-category", nextSpot(), List.of(own))).statusCode(400)
                .body("errors[0].field", equalTo("category"));
        assertThat(storedRows()).as("a refusal stores nothing").isEqualTo(before);
    }

    @Test
    void onlySupervisorsOpenProactiveCases() throws Exception {
        double[] spot = nextSpot();
        String own = submit(DemoUser.RESIDENT, "sewer-blockage", spot).getString("id");
        String valid = body("sewer-blockage", spot, List.of(own));
        long before = storedRows();
        for (DemoUser user : List.of(DemoUser.RESIDENT, DemoUser.GRID_WORKER, DemoUser.WATER, DemoUser.ADMIN)) {
            open(user, valid).statusCode(403);
        }
        open(null, valid).statusCode(401);
        assertThat(storedRows()).as("a refusal stores nothing").isEqualTo(before);
    }
}
