package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.hasKey;

/** A submission travels through the outbox, Kafka and the process engine, and the record follows the process. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class SubmitRequestIT {

    static String waterLeak() {
        double[] spot = Fixtures.nextSpot();
        return """
                {"category":"water-leak","description":"小区门口水管爆裂 💧","location":{"latitude":%s,"longitude":%s,
                 "address":"建国里 3 号"},"contact":{"name":"王女士","phone":"13800000000"}}""".formatted(spot[0], spot[1]);
    }

    @Test
    void whistledRequestIsAcceptedAndWhistledWithoutLeakingContact() {
        String token = SharedInfra.get().jwt().token(DemoUser.RESIDENT);
        var submitted = given().auth().oauth2(token).contentType(ContentType.JSON).body(waterLeak())
                .when().post("/api/requests")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("trackingToken", notNullValue())
                .body("gridCode", equalTo("110105001001001"))
                .extract().jsonPath();
        String id = submitted.getString("id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(token).when().get("/api/requests/" + id)
                        .then().statusCode(200).body("status", equalTo("WHISTLED")));
        given().auth().oauth2(token).when().get("/api/requests/" + id)
                .then().body("$", not(hasKey("contactPhone"))).body("$", not(hasKey("contactName")));
    }

    @Test
    void anonymousReporterFollowsWithTheTrackingTokenOnly() {
        var submitted = given().contentType(ContentType.JSON)
                .body(waterLeak().replace("\"contact\"", "\"anonymous\":true,\"contact\""))
                .when().post("/api/requests").then().statusCode(201).extract().jsonPath();
        String id = submitted.getString("id");
        given().header("X-Tracking-Token", submitted.getString("trackingToken"))
                .when().get("/api/requests/" + id).then().statusCode(200).body("id", equalTo(id));
        given().header("X-Tracking-Token", "wrong").when().get("/api/requests/" + id).then().statusCode(404);
        given().auth().oauth2(SharedInfra.get().jwt().token(DemoUser.RESIDENT_2))
                .when().get("/api/requests/" + id).then().statusCode(404);
        given().auth().oauth2(SharedInfra.get().jwt().token(DemoUser.GRID_WORKER))
                .when().get("/api/requests/" + id).then().statusCode(200);
        given().auth().oauth2(SharedInfra.get().jwt().token(DemoUser.GRID_WORKER_2))
                .when().get("/api/requests/" + id).then().statusCode(404);
    }

    @Test
    void wrongTypesAndOversizedTextAreRefusedFieldByFieldAndStoreNothing() throws Exception {
        long before = rows();
        given().contentType(ContentType.JSON)
                .body(waterLeak().replaceFirst("\"latitude\":[0-9.]+", "\"latitude\":\"north\""))
                .when().post("/api/requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("location.latitude"));
        given().contentType(ContentType.JSON)
                .body(waterLeak().replace("小区门口水管爆裂 💧", "漏".repeat(4001)))
                .when().post("/api/requests")
                .then().statusCode(400).body("errors[0].field", equalTo("description"));
        given().contentType(ContentType.JSON)
                .body(waterLeak().replace("\"contact\"", "\"photoUrls\":[\"javascript:alert(1)\"],\"contact\""))
                .when().post("/api/requests")
                .then().statusCode(400).body("errors[0].field", equalTo("photoUrls[0]"));
        given().contentType(ContentType.JSON).body("{\"category\":\"water-leak\",\"description\":\"a\\u0000b\"}")
                .when().post("/api/requests")
                .then().statusCode(400).body("errors[0].field", equalTo("description"));
        given().contentType(ContentType.TEXT).body("category=water-leak")
                .when().post("/api/requests").then().statusCode(415);
        org.assertj.core.api.Assertions.assertThat(rows()).isEqualTo(before);
    }

    private static long rows() throws Exception {
        try (var c = SharedInfra.get().postgres().connect();
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM grid_intake.service_request")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(waterLeak().replaceFirst("\"latitude\":[0-9.]+", "\"latitude\":139.905"))
                .when().post("/api/requests")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("location.latitude"));
        given().contentType(ContentType.JSON)
                .body(waterLeak().replaceFirst("\"latitude\":[0-9.]+", "\"latitude\":31.2"))
                .when().post("/api/requests")
                .then().statusCode(400).body("errors[0].field", equalTo("location"));
        given().contentType(ContentType.JSON)
                .body(waterLeak().replace("water-leak", "ufo"))
                .when().post("/api/requests")
                .then().statusCode(400).body("errors[0].field", equalTo("category"));
        given().contentType(ContentType.JSON).body("{\"category\": ")
                .when().post("/api/requests")
                .then().statusCode(400).contentType("application/problem+json");
    }
}
