package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gridloop.infra.ApiFuzzer;
import org.gridloop.infra.AuthorizationMatrix;
import org.gridloop.infra.AuthorizationMatrix.Rule;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every escalation endpoint × every role (from the OpenAPI document), bad tokens, and bounded bad-input fuzzing. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class SecurityAndFuzzIT {

    /** The role boundary of every endpoint. A new endpoint without a rule here fails the test. */
    static final List<Rule> RULES = List.of(
            Rule.roles("GET", "/api/cases/\\{requestId}(/timeline)?", "supervisor", "admin"),
            Rule.roles("GET", "/api/escalations", "supervisor", "admin"),
            Rule.roles("GET", "/api/escalations/\\{id}", "supervisor", "admin"),
            Rule.roles("POST", "/api/escalations/\\{id}/decision", "supervisor", "admin"),
            Rule.roles("GET", "/api/kpis", "supervisor", "admin"),
            Rule.roles("GET", "/api/audit/(overdue|escalated|rankings|cases\\.csv|kpis\\.csv)", "supervisor", "admin"),
            Rule.roles("(GET|POST)", "/api/admin/rebuild", "admin"),
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
    void fuzzingFindsNo5xx() throws Exception {
        ApiFuzzer.Report report = ApiFuzzer.run(baseUrl(), SharedInfra.get().jwt(), 20261123L, Duration.ofSeconds(20));
        assertThat(report.findings()).isEmpty();
        assertThat(report.requests()).isGreaterThan(100);
        assertThat(report.created().keySet()).as("no fuzzed request may change anything but start a rebuild")
                .isSubsetOf(java.util.Set.of("POST /api/admin/rebuild"));
    }
}
