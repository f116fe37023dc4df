package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Limits per caller: new submissions (anonymous ones per address, signed-in ones per account with a bucket of their
 * own), every other write, the public searches; a forwarded address from an untrusted client changes nothing, and an
 * Authorization header that is no bearer token is 401.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
@TestProfile(RateLimitIT.Strict.class)
class RateLimitIT {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridloop.rate-limit.per-minute", "6", "gridloop.rate-limit.burst", "3",
                    "gridloop.rate-limit.signed-in.per-minute", "6", "gridloop.rate-limit.signed-in.burst", "2",
                    "gridloop.rate-limit.actions.per-minute", "6", "gridloop.rate-limit.actions.burst", "4",
                    "gridloop.rate-limit.reads.per-minute", "6", "gridloop.rate-limit.reads.burst", "5");
        }
    }

    private static RequestSpecification report() {
        return given().contentType(ContentType.JSON).body(Fixtures.body("road-damage", Fixtures.nextSpot()));
    }

    @Test
    void aBurstOfAnonymousReportsIsCutWith429AndNoHeaderHelps() {
        for (int i = 0; i < 3; i++) {
            report().when().post("/api/requests").then().statusCode(201);
        }
        report().when().post("/api/requests").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        // a forwarded address counts only from a trusted proxy, and this client is none
        for (int i = 0; i < 3; i++) {
            report().header("X-Forwarded-For", "203.0.113." + i).header("Forwarded", "for=198.51.100." + i)
                    .when().post("/api/requests").then().statusCode(429);
        }
    }

    /** 未诉先办: a supervisor's proactive case is new work, in the submissions' bucket (2 here), not the actions' (4). */
    @Test
    void proactiveCasesCountAsNewSubmissions() {
        String token = Fixtures.token(DemoUser.DISTRICT_SUPERVISOR);
        double[] spot = Fixtures.nextSpot();
        String body = """
                {"category":"garbage","description":"未诉先办","location":{"latitude":%s,"longitude":%s},
                 "linkedRequestIds":["R20000101-NOSUCH00"]}""".formatted(spot[0], spot[1]);
        for (int i = 0; i < 2; i++) {
            // refused (no such case), but each one counts
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when()
                    .post("/api/requests/proactive").then().statusCode(400);
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/requests/proactive")
                .then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void anAuthorizationHeaderThatIsNoBearerTokenIs401() {
        for (String header : List.of("Basic eDp4", "x", "Bearer", "Token abc")) {
            report().header("Authorization", header).when().post("/api/requests").then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
            given().header("Authorization", header).when().get("/api/tasks").then().statusCode(401);
        }
    }

    @Test
    void everyWriteIsLimitedPerAccountNotOnlySubmissions() {
        String token = Fixtures.token(DemoUser.GRID_WORKER_2);
        int answered = 0;
        while (answered < 4) {
            // claims of requests that do not exist: 404, but each one a write that counts
            given().auth().oauth2(token).contentType(ContentType.JSON).when()
                    .post("/api/tasks/no-such-" + answered + "/claim").then().statusCode(404);
            answered++;
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).when().post("/api/tasks/no-such-x/claim").then()
                .statusCode(429).header("Retry-After", notNullValue());
        // another account's changes are not held up
        given().auth().oauth2(Fixtures.token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON).when()
                .post("/api/tasks/no-such-y/claim")
                .then().statusCode(404);
    }

    @Test
    void publicSearchesAreLimitedPerAddress() {
        int served = 0;
        while (given().when().get("/open311/v2/services.json").then().extract().statusCode() == 200) {
            served++;
            assertThat(served).as("the read bucket holds 5").isLessThanOrEqualTo(5);
        }
        given().when().get("/open311/v2/requests.json").then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void signedInCallersHaveABucketOfTheirOwn() {
        for (int i = 0; i < 2; i++) {
            report().auth().oauth2(Fixtures.token(DemoUser.RESIDENT)).when().post("/api/requests").then()
                    .statusCode(201);
        }
        report().auth().oauth2(Fixtures.token(DemoUser.RESIDENT)).when().post("/api/requests").then()
                .statusCode(429).header("Retry-After", notNullValue());
        // another account is not held up by the first one's submissions
        report().auth().oauth2(Fixtures.token(DemoUser.RESIDENT_2)).when().post("/api/requests").then()
                .statusCode(201);
    }
}
