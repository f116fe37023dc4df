package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gridloop.infra.ApiFuzzer;
import org.gridloop.infra.AuthorizationMatrix.Owned;
import org.gridloop.infra.AuthorizationMatrix.Rule;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SecurityAndFuzzChecks;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

/**
 * grid-intake's rules and real case for the shared checks (every endpoint × every role, bad tokens, a real case
 * refused to outsiders), its fuzzing (rejected requests store nothing), and the headers that keep a browser from
 * treating an answer as a page.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class SecurityAndFuzzIT extends SecurityAndFuzzChecks {

    /** The role boundary of every grid-intake endpoint. A new endpoint without a rule here fails the test. */
    static final List<Rule> RULES = List.of(
            Rule.open("POST", "/api/requests"),
            Rule.open("GET", "/api/requests/\\{id}"),
            Rule.open("GET", "/api/requests/\\{id}/process"),
            Rule.open("GET", "/api/requests/\\{id}/progress"),
            Rule.open("POST", "/api/requests/\\{id}/rating"),
            // 未诉先办: a supervisor opens a proactive case for their unit
            Rule.roles("POST", "/api/requests/proactive", "supervisor"),
            // anyone may upload (an anonymous report's photos); reading checks the photo's request like the request
            Rule.open("POST", "/api/photos"),
            Rule.open("GET", "/api/photos/\\{id}(/thumbnail)?"),
            Rule.roles("GET", "/api/tasks", "grid-worker"),
            Rule.roles("POST", "/api/tasks/\\{id}/(accept|claim|unclaim|complete|whistle|verification|decision|raise|return-visit|reject)", "grid-worker"),
            Rule.open("GET", "/open311/v2/.*"),
            Rule.open("POST", "/open311/v2/.*"),
            Rule.roles("POST", "/api/admin/dead-letters/replay", "admin"),
            Rule.roles("GET", "/api/admin/parked-events", "admin"),
            Rule.roles("POST", "/api/admin/parked-events/replay", "admin"));

    @Override
    protected List<Rule> rules() {
        return RULES;
    }

    /** A case in grid 110105001001001 reported by alice: not another resident's, grid's, department's or street's. */
    @Override
    protected Owned owned() {
        String id = Fixtures.submit(DemoUser.RESIDENT, "garbage", Fixtures.nextSpot()).getString("id");
        Fixtures.assertStatus(id, "GRID_HANDLING");
        return new Owned(Map.of("id", id), DemoUser.RESIDENT, "/api/requests/" + id,
                List.of(DemoUser.RESIDENT_2, DemoUser.GRID_WORKER_2, DemoUser.WATER, DemoUser.STREET_SUPERVISOR_2),
                Pattern.compile("/open311/.*"));
    }

    @Test
    void fuzzingFindsNo5xxAndRejectedRequestsStoreNothing() throws Exception {
        long before = count();
        ApiFuzzer.Report report = fuzz(Duration.ofSeconds(25));
        long accepted = report.created().entrySet().stream()
                .filter(e -> e.getKey().equals("POST /api/requests") || e.getKey().equals("POST /api/requests/proactive")
                        || e.getKey().startsWith("POST /open311"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        // a row only for what was accepted: every rejected request stored nothing
        assertThat(count() - before).isEqualTo(accepted);
    }

    @Test
    void everyResponseIsJsonOnlyToABrowserButTheSwaggerUiStillLoads() {
        // an answer, an error, the public API, the OpenAPI document: nothing in them may run, load or be framed
        for (String path : List.of("/api/requests/00000000-0000-0000-0000-000000000000", "/api/tasks",
                "/open311/v2/services.json", "/q/openapi", "/no-such-path")) {
            given().get(path).then()
                    .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                    .header("X-Content-Type-Options", "nosniff");
        }
        // the demo's Swagger UI is a page with inline scripts: no policy there
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger-ui"))
                .header("Content-Security-Policy", nullValue());
    }

    private static long count() throws Exception {
        try (Connection c = SharedInfra.get().postgres().connect();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM grid_intake.service_request")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
