package org.gridloop.infra;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every service's {@code SecurityAndFuzzIT} checks, the same way: the role boundary of every endpoint of its
 * OpenAPI document and the bad tokens ({@link AuthorizationMatrix#check}), a real object refused to outsiders
 * ({@link AuthorizationMatrix#checkOwned}) and bounded bad-input fuzzing ({@link ApiFuzzer}). A service's test extends
 * this (with {@code @QuarkusTest} and the infrastructure resource), names its rules and its real object, and says in
 * its own fuzzing test what fuzzed requests may have changed.
 */
public abstract class SecurityAndFuzzChecks {

    /** The fuzzer's seed: the same requests every run, so a finding can be replayed. */
    public static final long SEED = 20261123L;

    @TestHTTPResource("/")
    URL base;

    /** Who may call each endpoint; an endpoint without exactly one rule is a finding. */
    protected abstract List<AuthorizationMatrix.Rule> rules();

    /** A real object of the service (created now) and the people who must not reach it. */
    protected abstract AuthorizationMatrix.Owned owned() throws Exception;

    protected String baseUrl() {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Test
    void everyEndpointKeepsItsRoleBoundaryAndRefusesBadTokens() throws Exception {
        assertNoFindings(AuthorizationMatrix.check(baseUrl(), rules(), SharedInfra.get().jwt()));
    }

    @Test
    void aRealObjectIsRefusedToOutsidersAndTheirCallsChangeNothing() throws Exception {
        assertNoFindings(AuthorizationMatrix.checkOwned(baseUrl(), SharedInfra.get().jwt(), owned()));
    }

    /** Fuzzes for {@code budget}: no 5xx, no connection dropped, and more than 100 requests sent. */
    protected ApiFuzzer.Report fuzz(Duration budget) throws Exception {
        ApiFuzzer.Report report = ApiFuzzer.run(baseUrl(), SharedInfra.get().jwt(), SEED, budget);
        assertNoFindings(report.findings());
        assertTrue(report.requests() > 100, "only " + report.requests() + " fuzzed requests in " + budget);
        return report;
    }

    protected static void assertNoFindings(List<String> findings) {
        if (!findings.isEmpty()) {
            fail(findings.size() + " finding(s):\n" + String.join("\n", findings));
        }
    }
}
