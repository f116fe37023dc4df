package org.gridloop.infra;

import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    /**
     * A bearer token the service verified once is trusted again without its signature being checked (the
     * {@code gridloop_tokens_total} counters tell), but nothing else is: the same claims with another signature, its
     * signature under other claims, its claims signed by another key are each refused.
     */
    @Test
    void aVerifiedTokenIsTrustedAgainButNoVariantOfIt() throws Exception {
        AuthorizationMatrix.Owned owned = owned();
        JwtIssuer jwt = SharedInfra.get().jwt();
        String token = jwt.token(owned.owner());
        assertEquals(200, status(owned.readPath(), token), "the owner reads " + owned.readPath());
        double verified = tokens("verified");
        double reused = tokens("reused");
        assertEquals(200, status(owned.readPath(), token), "the owner reads it again");
        assertEquals(verified, tokens("verified"), "the second request's token is not verified again");
        assertTrue(tokens("reused") >= reused + 1, "the second request's token is trusted as verified");

        String[] parts = token.split("\\.");
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        char[] signature = parts[2].toCharArray();
        int middle = signature.length / 2;
        signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("another signature", parts[0] + "." + parts[1] + "." + new String(signature));
        variants.put("its signature under other claims", parts[0] + "." + base64.encodeToString(
                claims.replace("\"groups\":[", "\"groups\":[\"admin\",").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2]);
        variants.put("its claims signed by another key",
                new JwtIssuer(jwt.issuer()).sign(org.jose4j.jwt.JwtClaims.parse(claims)));
        for (Map.Entry<String, String> variant : variants.entrySet()) {
            assertNotEquals(token, variant.getValue(), variant.getKey());
            assertEquals(401, status(owned.readPath(), variant.getValue()), "a token with " + variant.getKey());
        }
    }

    private int status(String path, String token) throws Exception {
        return AuthorizationMatrix.send(baseUrl(), "GET", path, token, null).statusCode();
    }

    /** {@code gridloop_tokens_total{check}} of the service now. */
    private double tokens(String check) throws Exception {
        String metrics = AuthorizationMatrix.send(baseUrl(), "GET", "/q/metrics", null, null).body();
        return MetricsText.value(metrics, "gridloop_tokens_total", "check=\"" + check + "\"").orElseThrow(() ->
                new AssertionError("no gridloop_tokens_total{check=\"" + check + "\"} in /q/metrics"));
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
