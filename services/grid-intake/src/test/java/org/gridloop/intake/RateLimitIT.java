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

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

/**
 * New submissions are limited per caller: anonymous ones per address, signed-in ones per account with a bucket of
 * their own; a header that is no valid bearer token does not exempt anyone.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
@TestProfile(RateLimitIT.Strict.class)
class RateLimitIT {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridloop.rate-limit.per-minute", "6", "gridloop.rate-limit.burst", "3",
                    "gridloop.rate-limit.signed-in.per-minute", "6", "gridloop.rate-limit.signed-in.burst", "2");
        }
    }

    private static RequestSpecification report() {
        return given().contentType(ContentType.JSON).body(Fixtures.body("road-damage", Fixtures.nextSpot()));
    }

    @Test
    void aBurstOfAnonymousReportsIsCutWith429AndAnotherHeaderDoesNotHelp() {
        for (int i = 0; i < 3; i++) {
            report().when().post("/api/requests").then().statusCode(201);
        }
        report().when().post("/api/requests").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        // not a bearer token: still anonymous, still this address's bucket
        report().header("Authorization", "Basic eDp4").when().post("/api/requests").then().statusCode(429);
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
