package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open311's GETs are public, so they show only what the city's publication policy lets through: no sensitive
 * category (the default's neighbour disputes and one the city added), no rejected request, personal data in
 * descriptions and notes masked, an anonymous report's place coarsened, photos only with the reporter's consent;
 * and the answers are cached.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
@TestProfile(Open311PrivacyIT.CityPolicy.class)
class Open311PrivacyIT {

    public static class CityPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a radius of 1 m: the reports here never merge into other tests' requests nearby
            return Map.of("gridloop.publication.sensitive-categories", "neighbour-dispute,gas-smell",
                    "gridloop.publication.cache-for", "PT1H", "gridloop.duplicates.radius-meters", "1");
        }
    }

    static final String BASE = "/open311/v2";
    static final String KEY = "demo-open311-key";

    static final String PHONE = "13912345678";
    static final String LANDLINE = "010-6512 3456";
    static final String ID_NUMBER = "110101199003071234";
    static final String PLATE = "京A·12345";
    static final String EMAIL = "wang.xm@example.com";
    static final String NAME = "王小明";
    static final String SECRETS = "树倒了，压住" + PLATE + "的车。请联系" + PHONE + "或" + LANDLINE + "，我叫" + NAME
            + "，身份证" + ID_NUMBER + "，邮箱 " + EMAIL;

    /** Places in the test grid (110105001001001), each its own. */
    private static int spot;

    private static String[] nextSpot() {
        int i = spot++;
        return new String[]{String.valueOf(39.9012 + i * 0.0011), String.valueOf(116.4471)};
    }

    private static String create(String serviceCode, String description, Map<String, String> more) {
        return create(nextSpot(), serviceCode, description, more);
    }

    private static String create(String[] at, String serviceCode, String description, Map<String, String> more) {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("api_key", KEY).formParam("service_code", serviceCode)
                .formParam("lat", at[0]).formParam("long", at[1]).formParam("description", description)
                .formParams(more)
                .when().post(BASE + "/requests.json").then().statusCode(200)
                .extract().jsonPath().getString("[0].service_request_id");
    }

    private static List<String> everyPublicAnswer(String id, String serviceCode) {
        List<String> bodies = new ArrayList<>();
        for (String format : List.of("json", "xml")) {
            bodies.add(given().when().get(BASE + "/requests." + format).then().statusCode(200).extract().asString());
            bodies.add(given().queryParam("service_request_id", id).when().get(BASE + "/requests." + format)
                    .then().statusCode(200).extract().asString());
            bodies.add(given().queryParam("service_code", serviceCode).queryParam("status", "open,closed")
                    .when().get(BASE + "/requests." + format).then().statusCode(200).extract().asString());
        }
        return bodies;
    }

    @Test
    void sensitiveCategoriesNeverAppearWhereverTheyCameFrom() {
        String dispute = create("neighbour-dispute", "楼上邻居天天半夜吵架", Map.of());
        String gas = create("gas-smell", "楼道里有燃气味", Map.of());
        String[] at = nextSpot();
        String fromTheApp = given().auth().oauth2(Fixtures.token(DemoUser.RESIDENT)).contentType(ContentType.JSON)
                .body(Fixtures.body("neighbour-dispute", new double[]{Double.parseDouble(at[0]),
                        Double.parseDouble(at[1])}))
                .when().post("/api/requests").then().statusCode(201).extract().jsonPath().getString("id");
        for (String id : List.of(dispute, gas, fromTheApp)) {
            for (String format : List.of("json", "xml")) {
                given().when().get(BASE + "/requests/" + id + "." + format).then().statusCode(404);
            }
        }
        assertThat(everyPublicAnswer(dispute, "neighbour-dispute")).allSatisfy(body -> assertThat(body)
                .doesNotContain(dispute).doesNotContain(fromTheApp).doesNotContain("半夜吵架"));
        assertThat(everyPublicAnswer(gas, "gas-smell")).allSatisfy(body -> assertThat(body)
                .doesNotContain(gas).doesNotContain("燃气味"));
    }

    @Test
    void aRejectedRequestLeavesThePublicRecord() {
        String id = create("other", "小区门口广告牌太丑", Map.of());
        // unclassified: it waits for a grid worker's acceptance (受理, grid-routing.dmn), who rejects it there
        Fixtures.assertStatus(id, "SUBMITTED");
        given().auth().oauth2(Fixtures.token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON)
                .body("{\"reason\":\"OUT_OF_SCOPE\",\"note\":\"不属于城市管理事项\"}")
                .when().post("/api/tasks/" + id + "/reject").then().statusCode(200);
        for (String format : List.of("json", "xml")) {
            given().when().get(BASE + "/requests/" + id + "." + format).then().statusCode(404);
        }
        assertThat(everyPublicAnswer(id, "other")).allSatisfy(body -> assertThat(body)
                .doesNotContain(id).doesNotContain("广告牌").doesNotContain("不属于城市管理事项"));
    }

    @Test
    void personalDataIsMaskedAndAnAnonymousPlaceIsCoarsened() {
        String[] at = nextSpot();
        String id = create(at, "fallen-tree", SECRETS, Map.of("address_string", "建国里 5 号楼 2 单元门口",
                "media_url", "https://img.example.com/tree.jpg"));
        Fixtures.assertStatus(id, "GRID_HANDLING");
        given().auth().oauth2(Fixtures.token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON).when()
                .post("/api/tasks/" + id + "/claim")
                .then().statusCode(200);
        given().auth().oauth2(Fixtures.token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON)
                .body("{\"note\":\"已清理，车主" + NAME + "的车无损，电话 13800001111\"}")
                .when().post("/api/tasks/" + id + "/complete").then().statusCode(200);

        JsonPath seen = given().when().get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .extract().jsonPath();
        assertThat(seen.getString("[0].description")).contains("[电话]", "[车牌]", "[证件号]", "[邮箱]", "[姓名]")
                .contains("树倒了");
        assertThat(seen.getString("[0].status_notes")).contains("[电话]").contains("已清理")
                .doesNotContain("13800001111");
        assertThat(seen.getDouble("[0].lat")).as("rounded to 3 decimals")
                .isEqualTo(new java.math.BigDecimal(at[0]).setScale(3, java.math.RoundingMode.HALF_UP).doubleValue());
        assertThat(seen.getDouble("[0].long")).isEqualTo(116.447);
        assertThat(seen.getString("[0].address")).as("an anonymous report's address is left out").isNull();
        assertThat(seen.getString("[0].media_url")).as("posted through Open311, published as GeoReport does")
                .isEqualTo("https://img.example.com/tree.jpg");

        List<String> bodies = everyPublicAnswer(id, "fallen-tree");
        bodies.add(given().when().get(BASE + "/requests/" + id + ".xml").then().statusCode(200).extract().asString());
        assertThat(bodies).allSatisfy(body -> assertThat(body).doesNotContain(PHONE).doesNotContain("6512 3456")
                .doesNotContain(ID_NUMBER).doesNotContain("12345的车").doesNotContain(EMAIL).doesNotContain(NAME)
                .doesNotContain("13800001111").doesNotContain("5 号楼").doesNotContain(at[0]));
    }

    @Test
    void photosArePublicOnlyWithTheReportersConsent() {
        String[] at = nextSpot();
        String withheld = given().auth().oauth2(Fixtures.token(DemoUser.RESIDENT)).contentType(ContentType.JSON)
                .body(photoReport("street-light", at, false))
                .when().post("/api/requests").then().statusCode(201).extract().jsonPath().getString("id");
        at = nextSpot();
        String allowed = given().auth().oauth2(Fixtures.token(DemoUser.RESIDENT)).contentType(ContentType.JSON)
                .body(photoReport("road-damage", at, true))
                .when().post("/api/requests").then().statusCode(201).extract().jsonPath().getString("id");
        given().when().get(BASE + "/requests/" + withheld + ".json").then().statusCode(200)
                .body("[0].media_url", org.hamcrest.Matchers.nullValue());
        given().when().get(BASE + "/requests/" + allowed + ".json").then().statusCode(200)
                .body("[0].media_url", org.hamcrest.Matchers.equalTo("https://img.example.com/road.jpg"));
    }

    @Test
    void publicAnswersAreServedFromTheCache() throws Exception {
        String id = create("street-light", "路灯不亮了", Map.of());
        given().when().get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .header("Cache-Control", "public, max-age=3600")
                .body("[0].description", org.hamcrest.Matchers.equalTo("路灯不亮了"));
        try (Connection c = SharedInfra.get().postgres().connect();
             PreparedStatement st = c.prepareStatement(
                     "UPDATE grid_intake.service_request SET description = 'changed behind the cache' WHERE id = ?")) {
            st.setString(1, id);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        given().when().get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .body("[0].description", org.hamcrest.Matchers.equalTo("路灯不亮了"));
        // another format is another answer, read afresh
        given().when().get(BASE + "/requests/" + id + ".xml").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("changed behind the cache"));
    }

    private static String photoReport(String category, String[] at, boolean photosPublic) {
        String photo = category.equals("road-damage") ? "road" : "light";
        return "{\"category\":\"" + category + "\",\"description\":\"有照片\",\"location\":{\"latitude\":" + at[0]
                + ",\"longitude\":" + at[1] + "},\"photoUrls\":[\"https://img.example.com/" + photo + ".jpg\"],"
                + "\"photosPublic\":" + photosPublic + "}";
    }
}
