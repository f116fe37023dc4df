package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

/** Anonymous submissions are limited per address; signed-in residents are not held up by it. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
@TestProfile(RateLimitIT.Strict.class)
class RateLimitIT {

    public static class Strict implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridloop.rate-limit.per-minute", "6", "gridloop.rate-limit.burst", "3");
        }
    }

    @Test
    void aBurstOfAnonymousReportsIsCutWith429() {
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(Fixtures.body("road-damage", Fixtures.nextSpot()))
                    .when().post("/api/requests").then().statusCode(201);
        }
        given().contentType(ContentType.JSON).body(Fixtures.body("road-damage", Fixtures.nextSpot()))
                .when().post("/api/requests").then().statusCode(429).header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        given().auth().oauth2(Fixtures.token(DemoUser.RESIDENT)).contentType(ContentType.JSON)
                .body(Fixtures.body("road-damage", Fixtures.nextSpot()))
                .when().post("/api/requests").then().statusCode(201);
    }
}
