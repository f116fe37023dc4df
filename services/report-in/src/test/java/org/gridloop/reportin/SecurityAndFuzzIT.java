package org.gridloop.reportin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gridloop.infra.ApiFuzzer;
import org.gridloop.infra.AuthorizationMatrix;
import org.gridloop.infra.AuthorizationMatrix.Owned;
import org.gridloop.infra.AuthorizationMatrix.Rule;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every report-in endpoint × every role (from the OpenAPI document), bad tokens, and bounded bad-input fuzzing. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class SecurityAndFuzzIT {

    /** The role boundary of every endpoint. A new endpoint without a rule here fails the test. */
    static final List<Rule> RULES = List.of(
            Rule.roles("GET", "/api/dispatches", "department", "supervisor", "admin"),
            Rule.roles("GET", "/api/dispatches/\\{requestId}", "department", "supervisor", "admin"),
            Rule.roles("POST", "/api/dispatches/\\{requestId}/(report-in|answer|progress|dispute)", "department"),
            Rule.roles("POST", "/api/dispatches/\\{requestId}/disputes/\\{department}/decision", "supervisor", "admin"),
            Rule.roles("POST", "/api/dispatches/\\{requestId}/close", "supervisor", "admin"),
            Rule.roles("GET", "/api/admin/(departments|routing-rules)", "admin"),
            Rule.roles("POST", "/api/admin/dead-letters/replay", "admin"));

    @TestHTTPResource("/")
    URL base;

    private String baseUrl() {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Test
    void everyEndpointKeepsItsRoleBoundaryAndRefusesBadTokens() throws Exception {
        assertThat(AuthorizationMatrix.check(baseUrl(), RULES, SharedInfra.get().jwt())).isEmpty();
    }

    @Test
    void aRealDispatchIsRefusedToOtherDepartmentsAndOtherUnitsAndTheirCallsChangeNothing() throws Exception {
        String id = DispatchIT.whistled("water-leak", DemoUser.WATER);
        List<String> findings = AuthorizationMatrix.checkOwned(baseUrl(), SharedInfra.get().jwt(), new Owned(
                Map.of("requestId", id, "department", "water"), DemoUser.WATER, "/api/dispatches/" + id,
                List.of(DemoUser.URBAN, DemoUser.HOUSING, DemoUser.STREET_SUPERVISOR_2, DemoUser.RESIDENT,
                        DemoUser.GRID_WORKER_2),
                Pattern.compile("/api/admin/.*")));
        assertThat(findings).isEmpty();
    }

    @Test
    void fuzzingFindsNo5xx() throws Exception {
        ApiFuzzer.Report report = ApiFuzzer.run(baseUrl(), SharedInfra.get().jwt(), 20261123L, Duration.ofSeconds(20));
        assertThat(report.findings()).isEmpty();
        assertThat(report.requests()).isGreaterThan(100);
        assertThat(report.created()).as("no fuzzed request may change anything").isEmpty();
    }
}
