package org.gridloop.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ConfigResourceTest {

    @Test
    void theConfigurationNamesTheServicesAndNoDemoLoginByDefault() {
        given().get("/config.json").then().statusCode(200)
                .body("services.gridIntake", equalTo("http://127.0.0.1:8081"))
                .body("timeZone", equalTo("Asia/Shanghai"))
                .body("demoLogin", equalTo(false));
        given().get("/demo/users").then().statusCode(404);
    }

    @Test
    void theGridsAndThePagesAreServed() {
        given().get("/grids.geojson").then().statusCode(200).body(containsString("110105001001001"));
        given().get("/resident.html").then().statusCode(200).body(containsString("/js/pages/resident.js"));
        given().get("/bpmn/resident-request.bpmn").then().statusCode(200).body(containsString("bpmndi"));
    }

    @Test
    void tokensFileLinesAreParsed() {
        List<DemoLoginResource.DemoToken> tokens = DemoLoginResource.parse(List.of(
                "export TOKEN_ALICE=aaa.bbb.ccc", "export GRID_INTAKE=http://x", "TOKEN_ZHAO='x.y.z'", "# comment"));
        assertEquals(List.of(new DemoLoginResource.DemoToken("alice", "aaa.bbb.ccc"),
                new DemoLoginResource.DemoToken("zhao", "x.y.z")), tokens);
    }
}
