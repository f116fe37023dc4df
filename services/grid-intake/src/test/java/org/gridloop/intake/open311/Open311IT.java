package org.gridloop.intake.open311;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.equalToIgnoringCase;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The Open311 GeoReport v2 server against the real PostgreSQL and Kafka: every endpoint in JSON and XML, the
 * spec's fields and error lists, the filters of the request search, and that no GET ever shows reporter contact.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class Open311IT {

    static final String BASE = "/open311/v2";
    static final String KEY = "demo-open311-key";
    static final String JSON = "application/json; charset=UTF-8";
    static final String XML = "text/xml; charset=UTF-8";

    static final String LAT = "39.905";
    static final String LONG = "116.445";
    static final String GRID = "110105001001001";

    static final String FIRST_NAME = "秀英";
    static final String LAST_NAME = "李";
    static final String PHONE = "13912345678";
    static final String EMAIL = "li.xiuying@example.com";

    static final String HOSTILE = "井盖丢失 <script>alert('x')</script> & \"quoted\" 'single' 💧";

    static final List<String> REQUEST_FIELDS = List.of("service_request_id", "status", "status_notes", "service_name",
            "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
            "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");

    record Created(String id, String token) {
    }

    // ---- discovery and services

    @Test
    void discoveryInJsonAndXml() {
        given().when().get(BASE + "/discovery.json").then().statusCode(200)
                .header("Content-Type", equalToIgnoringCase(JSON))
                .body("changeset", notNullValue())
                .body("contact", notNullValue())
                .body("key_service", notNullValue())
                .body("endpoints", hasSize(1))
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].url", startsWith("http"))
                .body("endpoints[0].url", containsString("/open311/v2"))
                .body("endpoints[0].changeset", notNullValue())
                .body("endpoints[0].type", equalTo("production"))
                .body("endpoints[0].formats", contains("application/json", "text/xml"));

        XmlPath xml = xml(given().when().get(BASE + "/discovery.xml").then().statusCode(200));
        assertThat(xml.getString("discovery.contact")).isNotBlank();
        assertThat(xml.getString("discovery.key_service")).isNotBlank();
        assertThat(xml.getString("discovery.endpoints.endpoint.specification"))
                .isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(xml.getString("discovery.endpoints.endpoint.type")).isEqualTo("production");
        assertThat(xml.getList("discovery.endpoints.endpoint.formats.format"))
                .containsExactly("application/json", "text/xml");
    }

    @Test
    void servicesListEveryCategoryInJsonAndXml() {
        given().when().get(BASE + "/services.json").then().statusCode(200)
                .header("Content-Type", equalToIgnoringCase(JSON))
                .body("size()", is(12))
                .body("service_code", hasItems("water-leak", "garbage", "road-damage", "other"))
                .body("find { it.service_code == 'water-leak' }.service_name", equalTo("供水漏水"))
                .body("find { it.service_code == 'water-leak' }.description", equalTo("Water main leak"))
                .body("find { it.service_code == 'water-leak' }.metadata", is(false))
                .body("find { it.service_code == 'water-leak' }.type", equalTo("realtime"))
                .body("find { it.service_code == 'water-leak' }.keywords", containsString("供水漏水"))
                .body("find { it.service_code == 'water-leak' }.group", equalTo("utilities"))
                .body("metadata", everyItem(is(false)))
                .body("type", everyItem(equalTo("realtime")));

        XmlPath xml = xml(given().queryParam("jurisdiction_id", "demo-city.gridloop")
                .when().get(BASE + "/services.xml").then().statusCode(200));
        assertThat(xml.getList("services.service.service_code")).hasSize(12).contains("garbage", "noise");
        assertThat(xml.getString("services.service.find { it.service_code == 'garbage' }.service_name"))
                .isEqualTo("垃圾堆放");
        assertThat(xml.getString("services.service.find { it.service_code == 'garbage' }.group"))
                .isEqualTo("environment");
        assertThat(xml.getString("services.service.find { it.service_code == 'garbage' }.metadata"))
                .isEqualTo("false");
        assertThat(xml.getString("services.service.find { it.service_code == 'garbage' }.type"))
                .isEqualTo("realtime");

        error(given().queryParam("jurisdiction_id", "other-city").when().get(BASE + "/services.json"), 404, false);
        error(given().queryParam("jurisdiction_id", "other-city").when().get(BASE + "/services.xml"), 404, true);
    }

    @Test
    void serviceDefinitionHasNoAttributes() {
        given().when().get(BASE + "/services/water-leak.json").then().statusCode(200)
                .header("Content-Type", equalToIgnoringCase(JSON))
                .body("service_code", equalTo("water-leak"))
                .body("attributes", empty());
        XmlPath xml = xml(given().when().get(BASE + "/services/water-leak.xml").then().statusCode(200));
        assertThat(xml.getString("service_definition.service_code")).isEqualTo("water-leak");
        assertThat(xml.getString("service_definition.attributes")).isEmpty();

        error(given().when().get(BASE + "/services/ufo.json"), 404, false)
                .body("[0].description", containsString("service_code"));
        error(given().when().get(BASE + "/services/ufo.xml"), 404, true);
        error(given().when().get(BASE + "/services.csv"), 404, false);
    }

    // ---- create, then read back by id, by token and in the search

    @Test
    void createThenReadByIdAndTokenInJsonAndXml() throws Exception {
        var posted = form()
                .formParam("service_code", "water-leak")
                .formParam("lat", LAT).formParam("long", LONG)
                // a named reporter: the place is published as given (an anonymous one's is coarsened, see
                // Open311PrivacyIT)
                .formParam("last_name", "Zhang")
                .formParam("address_string", "建国里 3 号楼 <东门>")
                .formParam("description", HOSTILE)
                .formParam("media_url", "https://img.example.com/leak.jpg?a=1&b=2")
                .formParam("attribute[WHISPAWN]", "ignored")
                .when().post(BASE + "/requests.json").then().statusCode(200)
                .header("Content-Type", equalToIgnoringCase(JSON))
                .body("size()", is(1))
                .body("[0].service_request_id", notNullValue())
                .body("[0].token", notNullValue())
                .body("[0].service_notice", notNullValue())
                .body("[0]", org.hamcrest.Matchers.hasKey("account_id"))
                .extract().jsonPath();
        Created created = new Created(posted.getString("[0].service_request_id"), posted.getString("[0].token"));

        given().when().get(BASE + "/requests/" + created.id() + ".json").then().statusCode(200)
                .header("Content-Type", equalToIgnoringCase(JSON))
                .body("size()", is(1))
                .body("[0].keySet()", hasItems(REQUEST_FIELDS.toArray(String[]::new)))
                .body("[0].service_request_id", equalTo(created.id()))
                .body("[0].status", equalTo("open"))
                .body("[0].status_notes", notNullValue())
                .body("[0].service_code", equalTo("water-leak"))
                .body("[0].service_name", equalTo("供水漏水"))
                .body("[0].description", equalTo(HOSTILE))
                .body("[0].agency_responsible", containsString(GRID))
                .body("[0].address", equalTo("建国里 3 号楼 <东门>"))
                .body("[0].lat", is(39.905f))
                .body("[0].long", is(116.445f))
                .body("[0].media_url", equalTo("https://img.example.com/leak.jpg?a=1&b=2"))
                .body("[0].requested_datetime", notNullValue())
                .body("[0].updated_datetime", notNullValue());
        JsonPath one = given().when().get(BASE + "/requests/" + created.id() + ".json").jsonPath();
        OffsetDateTime requested = OffsetDateTime.parse(one.getString("[0].requested_datetime"));
        assertThat(requested.getOffset()).isEqualTo(ZoneOffset.ofHours(8));
        assertThat(Duration.between(requested.toInstant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));

        var xmlResponse = given().when().get(BASE + "/requests/" + created.id() + ".xml").then().statusCode(200);
        String raw = xmlResponse.extract().asString();
        assertThat(raw).startsWith("<?xml").doesNotContain("<script>").contains("&lt;script&gt;")
                .contains("&amp;").contains("&lt;东门&gt;");
        // well-formed, and the text survives the round trip exactly
        Document dom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        assertThat(dom.getDocumentElement().getTagName()).isEqualTo("service_requests");
        assertThat(dom.getElementsByTagName("request").getLength()).isEqualTo(1);
        assertThat(dom.getElementsByTagName("description").item(0).getTextContent()).isEqualTo(HOSTILE);
        XmlPath xml = xml(xmlResponse);
        for (String field : REQUEST_FIELDS) {
            assertThat(dom.getElementsByTagName(field).getLength()).as(field).isEqualTo(1);
        }
        assertThat(xml.getString("service_requests.request.service_request_id")).isEqualTo(created.id());
        assertThat(xml.getString("service_requests.request.status")).isEqualTo("open");
        assertThat(xml.getString("service_requests.request.service_code")).isEqualTo("water-leak");
        assertThat(xml.getString("service_requests.request.service_name")).isEqualTo("供水漏水");
        assertThat(xml.getString("service_requests.request.description")).isEqualTo(HOSTILE);
        assertThat(xml.getString("service_requests.request.agency_responsible")).contains(GRID);
        assertThat(xml.getDouble("service_requests.request.lat")).isEqualTo(39.905);
        assertThat(xml.getDouble("service_requests.request.long")).isEqualTo(116.445);
        assertThat(xml.getString("service_requests.request.media_url"))
                .isEqualTo("https://img.example.com/leak.jpg?a=1&b=2");

        given().when().get(BASE + "/tokens/" + created.token() + ".json").then().statusCode(200)
                .header("Content-Type", equalToIgnoringCase(JSON))
                .body("size()", is(1))
                .body("[0].service_request_id", equalTo(created.id()))
                .body("[0].token", equalTo(created.token()));
        XmlPath token = xml(given().when().get(BASE + "/tokens/" + created.token() + ".xml").then().statusCode(200));
        assertThat(token.getString("service_requests.request.service_request_id")).isEqualTo(created.id());
        assertThat(token.getString("service_requests.request.token")).isEqualTo(created.token());

        // the token is also the resident's tracking token on the residents' API
        given().header("X-Tracking-Token", created.token()).when().get("/api/requests/" + created.id())
                .then().statusCode(200).body("source", equalTo("open311"));

        // in the default search (the last 90 days), newest first
        given().when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(created.id()));
        XmlPath list = xml(given().when().get(BASE + "/requests.xml").then().statusCode(200));
        assertThat(list.getList("service_requests.request.service_request_id")).contains(created.id());
        List<String> times = given().when().get(BASE + "/requests.json").jsonPath().getList("requested_datetime");
        assertThat(times.stream().map(t -> OffsetDateTime.parse(t).toInstant()).toList())
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void createInXmlAnswersInXml() {
        var response = form()
                .formParam("service_code", "garbage")
                .formParam("lat", LAT).formParam("long", LONG)
                .formParam("description", "楼下垃圾三天没人清运")
                .when().post(BASE + "/requests.xml").then().statusCode(200);
        XmlPath xml = xml(response);
        String id = xml.getString("service_requests.request.service_request_id");
        assertThat(id).startsWith("R");
        assertThat(xml.getString("service_requests.request.token")).isNotBlank();
        assertThat(xml.getString("service_requests.request.service_notice")).isNotBlank();
        given().when().get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .body("[0].service_code", equalTo("garbage"))
                .body("[0].description", equalTo("楼下垃圾三天没人清运"));
    }

    @Test
    void formWithoutCharsetIsReadAsUtf8() throws Exception {
        // what most clients send: UTF-8 percent-encoding, no charset parameter (RestAssured always adds one)
        String body = "api_key=" + KEY + "&service_code=sewer-blockage&lat=" + LAT + "&long=" + LONG
                + "&description=" + URLEncoder.encode("下水道堵了 & 返味", StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create("http://localhost:" + RestAssured.port + BASE + "/requests.json"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        String id = JsonPath.from(response.body()).getString("[0].service_request_id");
        given().when().get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .body("[0].description", equalTo("下水道堵了 & 返味"));
    }

    @Test
    void xmlStaysWellFormedForAnyStoredText() throws Exception {
        String id = form().formParam("service_code", "other").formParam("lat", LAT).formParam("long", LONG)
                .formParam("description", "响铃\u0007字符\r\n第二行 ]]> <![CDATA[x]]>")
                .when().post(BASE + "/requests.json").then().statusCode(200)
                .extract().jsonPath().getString("[0].service_request_id");
        String raw = given().when().get(BASE + "/requests/" + id + ".xml").then().statusCode(200)
                .extract().asString();
        Document dom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
        assertThat(dom.getElementsByTagName("description").item(0).getTextContent())
                .isEqualTo("响铃\uFFFD字符\r\n第二行 ]]> <![CDATA[x]]>");
    }

    @Test
    void descriptionIsOptionalAsInTheSpec() {
        String id = form().formParam("service_code", "street-light").formParam("lat", LAT).formParam("long", LONG)
                .when().post(BASE + "/requests.json").then().statusCode(200)
                .extract().jsonPath().getString("[0].service_request_id");
        given().when().get(BASE + "/requests/" + id + ".json").then().statusCode(200)
                .body("[0].description", equalTo("路灯故障"));
    }

    // ---- privacy

    @Test
    void reporterContactNeverAppearsInAnyGet() throws Exception {
        Created created = create(post()
                .formParam("first_name", FIRST_NAME).formParam("last_name", LAST_NAME)
                .formParam("phone", PHONE).formParam("email", EMAIL)
                .formParam("account_id", "acct-778899").formParam("device_id", "device-556677"),
                "noise", "夜间施工噪音");
        // the contact was kept (for call-backs) — so its absence below is the API's doing
        try (Connection c = SharedInfra.get().postgres().connect();
             PreparedStatement st = c.prepareStatement(
                     "SELECT contact_name, contact_phone FROM grid_intake.service_request WHERE id = ?")) {
            st.setString(1, created.id());
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("contact_phone")).isEqualTo(PHONE);
                assertThat(rs.getString("contact_name")).contains(FIRST_NAME).contains(LAST_NAME);
            }
        }
        List<String> bodies = new ArrayList<>();
        for (String format : List.of("json", "xml")) {
            bodies.add(get(BASE + "/requests/" + created.id() + "." + format, Map.of()));
            bodies.add(get(BASE + "/requests." + format, Map.of()));
            bodies.add(get(BASE + "/requests." + format, Map.of("service_request_id", created.id())));
            bodies.add(get(BASE + "/requests." + format, Map.of("service_code", "noise", "status", "open")));
            bodies.add(get(BASE + "/tokens/" + created.token() + "." + format, Map.of()));
        }
        assertThat(bodies).allSatisfy(body -> assertThat(body)
                .contains(created.id())
                .doesNotContain(PHONE)
                .doesNotContain(FIRST_NAME)
                .doesNotContain(LAST_NAME + FIRST_NAME)
                .doesNotContain(EMAIL)
                .doesNotContain("acct-778899")
                .doesNotContain("device-556677")
                .doesNotContain("first_name").doesNotContain("last_name").doesNotContain("phone")
                .doesNotContain("email").doesNotContain("contact"));
        Set<String> keys = given().when().get(BASE + "/requests/" + created.id() + ".json").jsonPath()
                .getMap("[0]").keySet().stream().map(Object::toString).collect(java.util.stream.Collectors.toSet());
        assertThat(keys).containsExactlyInAnyOrderElementsOf(REQUEST_FIELDS);
    }

    // ---- the search filters

    @Test
    void searchFiltersByDateWindowStatusServiceCodeAndIds() throws Exception {
        Created open = create(post(), "water-leak", "去年的漏水");
        Created closed = create(post(), "water-leak", "去年的漏水，已修好");
        Created otherCode = create(post(), "fallen-tree", "去年倒伏的树");
        Created fresh = create(post(), "water-leak", "今天的漏水");
        // back-date three of them into a quiet window long ago, once the process has routed them
        Instant t = Instant.now().minus(200, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        awaitRouted(open.id(), closed.id(), otherCode.id());
        backdate(open.id(), t, null);
        backdate(closed.id(), t.plus(1, ChronoUnit.HOURS), "CLOSED");
        backdate(otherCode.id(), t.plus(2, ChronoUnit.HOURS), null);
        String start = w3c(t.minus(1, ChronoUnit.HOURS));
        String end = w3c(t.plus(1, ChronoUnit.DAYS));

        // the window holds exactly the three, newest first
        given().queryParam("start_date", start).queryParam("end_date", end)
                .when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", contains(otherCode.id(), closed.id(), open.id()));
        // with a 'Z' datetime too
        given().queryParam("start_date", t.minus(1, ChronoUnit.HOURS).toString())
                .queryParam("end_date", t.plus(1, ChronoUnit.DAYS).toString())
                .when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", contains(otherCode.id(), closed.id(), open.id()));
        // only the start: the 90 days after it
        given().queryParam("start_date", start).when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", contains(otherCode.id(), closed.id(), open.id()));
        // the default window is the last 90 days: the fresh one, none of the old
        given().when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(fresh.id()))
                .body("service_request_id", not(hasItem(open.id())))
                .body("service_request_id", not(hasItem(closed.id())));

        given().queryParam("start_date", start).queryParam("end_date", end).queryParam("status", "closed")
                .when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", contains(closed.id()))
                .body("[0].status", equalTo("closed"))
                .body("[0].status_notes", containsString("已办结"));
        given().queryParam("start_date", start).queryParam("end_date", end).queryParam("status", "open")
                .when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", contains(otherCode.id(), open.id()))
                .body("status", everyItem(equalTo("open")));
        given().queryParam("start_date", start).queryParam("end_date", end).queryParam("status", "open,closed")
                .when().get(BASE + "/requests.json").then().statusCode(200)
                .body("size()", is(3));
        given().queryParam("start_date", start).queryParam("end_date", end).queryParam("service_code", "fallen-tree")
                .when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", contains(otherCode.id()));
        given().queryParam("start_date", start).queryParam("end_date", end)
                .queryParam("service_code", "water-leak").queryParam("status", "open")
                .when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", contains(open.id()));
        XmlPath xml = xml(given().queryParam("start_date", start).queryParam("end_date", end)
                .queryParam("status", "closed").when().get(BASE + "/requests.xml").then().statusCode(200));
        assertThat(xml.getList("service_requests.request.service_request_id")).containsExactly(closed.id());
        assertThat(xml.getString("service_requests.request.status")).isEqualTo("closed");

        // ids: comma-separated, whatever their date (they override the other filters, as the spec says)
        given().queryParam("service_request_id", open.id() + "," + fresh.id() + ",R19990101-NOSUCHID")
                .when().get(BASE + "/requests.json").then().statusCode(200)
                .body("service_request_id", contains(fresh.id(), open.id()));
        XmlPath byIds = xml(given().queryParam("service_request_id", closed.id() + ", " + otherCode.id())
                .when().get(BASE + "/requests.xml").then().statusCode(200));
        assertThat(byIds.getList("service_requests.request.service_request_id"))
                .containsExactly(otherCode.id(), closed.id());

        // the back-dated request keeps its times on the single view
        given().when().get(BASE + "/requests/" + closed.id() + ".json").then().statusCode(200)
                .body("[0].status", equalTo("closed"))
                .body("[0].requested_datetime", equalTo(w3c(t.plus(1, ChronoUnit.HOURS))))
                .body("[0].updated_datetime", equalTo(w3c(t.plus(90, ChronoUnit.MINUTES))));
    }

    @Test
    void badSearchFiltersAreErrorLists() {
        error(given().queryParam("start_date", "yesterday").when().get(BASE + "/requests.json"), 400, false)
                .body("[0].description", containsString("start_date"));
        error(given().queryParam("end_date", "2025-13-45T99:00:00Z").when().get(BASE + "/requests.xml"), 400, true);
        error(given().queryParam("start_date", "2025-06-10T00:00:00+08:00")
                .queryParam("end_date", "2025-06-01T00:00:00+08:00")
                .when().get(BASE + "/requests.json"), 400, false)
                .body("[0].description", containsString("end_date"));
        error(given().queryParam("start_date", "2025-01-01T00:00:00+08:00")
                .queryParam("end_date", "2025-06-01T00:00:00+08:00")
                .when().get(BASE + "/requests.json"), 400, false)
                .body("[0].description", containsString("90 days"));
        error(given().queryParam("status", "pending").when().get(BASE + "/requests.json"), 400, false)
                .body("[0].description", containsString("status"));
        error(given().queryParam("service_code", "ufo").when().get(BASE + "/requests.json"), 400, false)
                .body("[0].description", containsString("service_code"));
    }

    // ---- errors of the other endpoints

    @Test
    void createRefusesMissingOrWrongApiKey() {
        error(post().formParam("service_code", "garbage").formParam("lat", LAT).formParam("long", LONG)
                .when().post(BASE + "/requests.json"), 403, false)
                .body("[0].description", containsString("api_key"));
        error(post().formParam("api_key", "guessed-key").formParam("service_code", "garbage")
                .formParam("lat", LAT).formParam("long", LONG)
                .when().post(BASE + "/requests.json"), 403, false)
                .body("[0].description", containsString("api_key"));
        error(post().formParam("api_key", KEY + "x").formParam("service_code", "garbage")
                .formParam("lat", LAT).formParam("long", LONG)
                .when().post(BASE + "/requests.xml"), 403, true);
    }

    @Test
    void createRefusesBadInputWithTheSpecErrorList() {
        error(form().formParam("service_code", "ufo").formParam("lat", LAT).formParam("long", LONG)
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].code", is(400))
                .body("[0].description", containsString("service_code"));
        error(form().formParam("lat", LAT).formParam("long", LONG)
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].description", containsString("service_code"));
        error(form().formParam("service_code", "garbage").formParam("description", "没有位置")
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].description", equalTo("lat & long or address required"));
        error(form().formParam("service_code", "garbage").formParam("address_string", "建国里 3 号")
                .when().post(BASE + "/requests.xml"), 400, true);
        error(form().formParam("service_code", "garbage").formParam("address_string", "建国里 3 号")
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].description", containsString("lat"));
        // outside every grid of the city: the shared acceptance rule, in Open311 terms
        error(form().formParam("service_code", "garbage").formParam("lat", "31.2").formParam("long", "121.4")
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].description", containsString("grid"));
        error(form().formParam("service_code", "garbage").formParam("lat", "north").formParam("long", LONG)
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].description", startsWith("lat:"));
        error(form().formParam("service_code", "garbage").formParam("lat", "139.905").formParam("long", LONG)
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].description", startsWith("lat:"));
        error(form().formParam("service_code", "garbage").formParam("lat", LAT).formParam("long", LONG)
                .formParam("media_url", "javascript:alert(1)")
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].description", startsWith("media_url:"));
        error(form().formParam("service_code", "garbage").formParam("lat", LAT).formParam("long", LONG)
                .formParam("description", "长".repeat(4001))
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].description", startsWith("description:"));
        error(form().formParam("service_code", "garbage").formParam("lat", LAT).formParam("long", LONG)
                .formParam("phone", "call me maybe")
                .when().post(BASE + "/requests.json"), 400, false)
                .body("[0].description", startsWith("phone:"));
        error(given().contentType("application/json").body("{\"service_code\":\"garbage\"}")
                .when().post(BASE + "/requests.json"), 415, false);
        error(form().formParam("jurisdiction_id", "other-city").formParam("service_code", "garbage")
                .formParam("lat", LAT).formParam("long", LONG)
                .when().post(BASE + "/requests.json"), 404, false);
    }

    @Test
    void unknownRequestIdOrTokenIs404() {
        error(given().when().get(BASE + "/requests/R19990101-NOSUCHID.json"), 404, false)
                .body("[0].description", containsString("R19990101-NOSUCHID"));
        error(given().when().get(BASE + "/requests/R19990101-NOSUCHID.xml"), 404, true);
        error(given().when().get(BASE + "/tokens/no-such-token.json"), 404, false);
        error(given().when().get(BASE + "/tokens/no-such-token.xml"), 404, true);
        error(given().when().get(BASE + "/no-such-thing.json"), 404, false);
    }

    @Test
    void openApiDocumentsTheEndpoints() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", hasItems("/open311/v2/services.{format}", "/open311/v2/requests.{format}",
                        "/open311/v2/requests/{service_request_id}.{format}", "/open311/v2/discovery.{format}",
                        "/open311/v2/tokens/{token}.{format}", "/open311/v2/services/{service_code}.{format}"))
                .body("tags.name", hasItem("Open311 GeoReport v2"));
    }

    // ---- helpers

    /** A form as Open311 clients send it: UTF-8 (RestAssured's own default for forms is ISO-8859-1). */
    static RequestSpecification post() {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    static RequestSpecification form() {
        return post().formParam("api_key", KEY);
    }

    static Created create(RequestSpecification spec, String serviceCode, String description) {
        JsonPath posted = spec.formParam("api_key", KEY).formParam("service_code", serviceCode)
                .formParam("lat", LAT).formParam("long", LONG).formParam("description", description)
                .when().post(BASE + "/requests.json").then().statusCode(200).extract().jsonPath();
        return new Created(posted.getString("[0].service_request_id"), posted.getString("[0].token"));
    }

    /** A W3C datetime at +08:00, seconds always written. */
    static String w3c(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.ofHours(8)));
    }

    static String get(String path, Map<String, String> query) {
        return given().queryParams(query).when().get(path).then().statusCode(200).extract().asString();
    }

    /** The spec's error list, with the status as HTTP status and code — never a problem document. */
    static ValidatableResponse error(io.restassured.response.Response response, int status, boolean xml) {
        ValidatableResponse then = response.then().statusCode(status)
                .header("Content-Type", equalToIgnoringCase(xml ? XML : JSON));
        if (xml) {
            XmlPath errors = XmlPath.from(then.extract().asString());
            assertThat(errors.getInt("errors.error[0].code")).isEqualTo(status);
            assertThat(errors.getString("errors.error[0].description")).isNotBlank();
            return then;
        }
        return then.body("[0].code", is(status)).body("[0].description", notNullValue())
                .body("[0].title", nullValue());
    }

    static XmlPath xml(ValidatableResponse response) {
        return XmlPath.from(response.header("Content-Type", equalToIgnoringCase(XML)).extract().asString());
    }

    /** Waits until the process has taken the requests on, so back-dating them races with nothing. */
    static void awaitRouted(String... ids) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : ids) {
                assertThat(status(id)).isNotNull().isNotIn("SUBMITTED", "ACCEPTED");
            }
        });
    }

    static String status(String id) throws Exception {
        try (Connection c = SharedInfra.get().postgres().connect();
             PreparedStatement st = c.prepareStatement(
                     "SELECT status FROM grid_intake.service_request WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Test set-up only: moves a request's times into the past (and, if given, its status). */
    static void backdate(String id, Instant createdAt, String status) throws Exception {
        try (Connection c = SharedInfra.get().postgres().connect();
             PreparedStatement st = c.prepareStatement("UPDATE grid_intake.service_request SET created_at = ?, "
                     + "updated_at = ?, status = COALESCE(?, status), version = version + 1 WHERE id = ?")) {
            st.setObject(1, createdAt.atOffset(ZoneOffset.UTC));
            st.setObject(2, createdAt.plus(30, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC));
            st.setString(3, status);
            st.setString(4, id);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }
}
