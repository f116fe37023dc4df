package org.gridloop.reportin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gridloop.infra.ApiFuzzer;
import org.gridloop.infra.AuthorizationMatrix.Owned;
import org.gridloop.infra.AuthorizationMatrix.Rule;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SecurityAndFuzzChecks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * report-in's rules and real dispatch for the shared checks (every endpoint × every role, bad tokens, a real dispatch
 * refused to outsiders), and its fuzzing: no fuzzed request changes anything.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class SecurityAndFuzzIT extends SecurityAndFuzzChecks {

    /** The role boundary of every endpoint. A new endpoint without a rule here fails the test. */
    static final List<Rule> RULES = List.of(
            Rule.roles("GET", "/api/dispatches", "department", "supervisor", "admin"),
            Rule.roles("GET", "/api/dispatches/disputes", "supervisor", "admin"),
            Rule.roles("GET", "/api/dispatches/\\{requestId}", "department", "supervisor", "admin"),
            Rule.roles("POST", "/api/dispatches/\\{requestId}/(report-in|answer|progress|dispute)", "department"),
            Rule.roles("POST", "/api/dispatches/\\{requestId}/disputes/\\{department}/decision", "supervisor", "admin"),
            Rule.roles("POST", "/api/dispatches/\\{requestId}/close", "supervisor", "admin"),
            Rule.open("GET", "/api/departments"),
            Rule.roles("GET", "/api/admin/(departments|routing-rules)", "admin"),
            Rule.roles("POST", "/api/admin/dead-letters/replay", "admin"),
            Rule.roles("GET", "/api/admin/parked-events", "admin"),
            Rule.roles("POST", "/api/admin/parked-events/replay", "admin"));

    @Override
    protected List<Rule> rules() {
        return RULES;
    }

    /** A whistle to water in street 110105001: not another department's nor another street's. */
    @Override
    protected Owned owned() {
        String id = DispatchIT.whistled("water-leak", DemoUser.WATER);
        return new Owned(Map.of("requestId", id, "department", "water"), DemoUser.WATER, "/api/dispatches/" + id,
                List.of(DemoUser.URBAN, DemoUser.HOUSING, DemoUser.STREET_SUPERVISOR_2, DemoUser.RESIDENT,
                        DemoUser.GRID_WORKER_2),
                Pattern.compile("/api/admin/.*"));
    }

    @Test
    void fuzzingFindsNo5xxAndChangesNothing() throws Exception {
        ApiFuzzer.Report report = fuzz(Duration.ofSeconds(20));
        assertThat(report.created()).as("no fuzzed request may change anything").isEmpty();
    }
}
