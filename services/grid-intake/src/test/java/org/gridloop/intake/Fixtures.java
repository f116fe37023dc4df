package org.gridloop.intake;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.MetricsText;
import org.gridloop.infra.SharedInfra;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Requests for tests: each at its own spot of grid 110105001001001, far enough apart not to be duplicates. */
final class Fixtures {

    private static final AtomicInteger SPOT = new AtomicInteger();

    private Fixtures() {
    }

    static String token(DemoUser user) {
        return SharedInfra.get().jwt().token(user);
    }

    /** Latitude, longitude of a fresh spot in grid 110105001001001 (100 m apart from every other). */
    static double[] nextSpot() {
        int i = SPOT.getAndIncrement();
        return new double[]{39.9005 + (i % 10) * 0.001, 116.4405 + ((i / 10) % 10) * 0.001};
    }

    static String body(String category, double[] spot) {
        return """
                {"category":"%s","description":"测试诉求 %s","location":{"latitude":%s,"longitude":%s},
                 "contact":{"name":"测试居民","phone":"13900000001"}}""".formatted(category, category, spot[0], spot[1]);
    }

    static JsonPath submit(DemoUser user, String category, double[] spot) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON).body(body(category, spot))
                .when().post("/api/requests").then().statusCode(201).extract().jsonPath();
    }

    /** The status as the next read shows it: a step that answered 2xx is visible at once. */
    static void assertStatus(String id, String status) {
        given().auth().oauth2(token(DemoUser.GRID_WORKER)).when().get("/api/requests/" + id)
                .then().statusCode(200).body("status", equalTo(status));
    }

    /** Waits for a status that another service's event brings (through Kafka), checked every 200 ms. */
    static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().auth().oauth2(token(DemoUser.GRID_WORKER)).when().get("/api/requests/" + id)
                        .then().statusCode(200).body("status", equalTo(status)));
    }

    static JsonPath request(String id) {
        return given().auth().oauth2(token(DemoUser.GRID_WORKER)).when().get("/api/requests/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /**
     * One series of {@code /q/metrics} (Prometheus text): the value of {@code name} whose labels include
     * {@code label} (e.g. {@code outcome="refused"}; empty: any, or none).
     */
    static double metric(String name, String label) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        OptionalDouble value = MetricsText.value(metrics, name, label);
        assertThat(value).as("%s{%s} on /q/metrics", name, label).isPresent();
        return value.getAsDouble();
    }
}
