package org.gridloop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jose4j.jwt.JwtClaims;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every endpoint of a service (read from its own OpenAPI document) against every role: an endpoint without a rule,
 * an anonymous call to a protected endpoint that is not 401, a role outside the rule that is not 403, an allowed
 * role that is refused, or any 5xx, is a finding. Own/other-scope checks (404 for another grid's, department's or
 * unit's case) live in each service's tests; this checks the role boundary of every endpoint, including the ones
 * added tomorrow.
 */
public final class AuthorizationMatrix {

    /**
     * Who may call {@code method path} (both regular expressions): {@code roles}, or anyone, signed in or not, when
     * {@code open}.
     */
    public record Rule(String method, Pattern path, Set<String> roles, boolean open) {

        public static Rule open(String method, String pathRegex) {
            return new Rule(method, Pattern.compile(pathRegex), Set.of(), true);
        }

        public static Rule roles(String method, String pathRegex, String... roles) {
            return new Rule(method, Pattern.compile(pathRegex), Set.of(roles), false);
        }

        boolean matches(String m, String p) {
            return m.toUpperCase().matches(method) && path.matcher(p).matches();
        }
    }

    public static final Map<String, DemoUser> ROLE_USERS = new LinkedHashMap<>();

    static {
        ROLE_USERS.put("resident", DemoUser.RESIDENT);
        ROLE_USERS.put("grid-worker", DemoUser.GRID_WORKER);
        ROLE_USERS.put("department", DemoUser.WATER);
        ROLE_USERS.put("supervisor", DemoUser.STREET_SUPERVISOR);
        ROLE_USERS.put("admin", DemoUser.ADMIN);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthorizationMatrix() {
    }

    /** The operations of the service's OpenAPI document, as "METHOD /path/{param}", outside /q/. */
    public static List<String[]> operations(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> doc = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode paths = JSON.readTree(doc.body()).path("paths");
        List<String[]> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    operations.add(new String[]{method, path.getKey()});
                }
            }
        }
        return operations;
    }

    /** Runs the matrix; returns the findings (empty when every boundary holds). */
    public static List<String> check(String baseUrl, List<Rule> rules, JwtIssuer jwt)
            throws IOException, InterruptedException {
        List<String> findings = new ArrayList<>();
        List<String[]> operations = operations(baseUrl);
        if (operations.isEmpty()) {
            findings.add("the OpenAPI document lists no operation");
        }
        for (String[] operation : operations) {
            String method = operation[0];
            String template = operation[1];
            List<Rule> matching = rules.stream().filter(r -> r.matches(method, template)).toList();
            if (matching.size() != 1) {
                findings.add(method + " " + template + ": " + (matching.isEmpty() ? "no rule" : "several rules"));
                continue;
            }
            Rule rule = matching.get(0);
            String path = template.replaceAll("\\{[^}]+}", "R20000101-NOSUCH00");
            int anonymous = call(baseUrl, method, path, null);
            if (anonymous >= 500) {
                findings.add(method + " " + template + " anonymous: " + anonymous);
            } else if (rule.open() && (anonymous == 401 || anonymous == 403)) {
                findings.add(method + " " + template + " is public but anonymous got " + anonymous);
            } else if (!rule.open() && anonymous != 401) {
                findings.add(method + " " + template + " anonymous expected 401, got " + anonymous);
            }
            for (Map.Entry<String, DemoUser> role : ROLE_USERS.entrySet()) {
                int status = call(baseUrl, method, path, jwt.token(role.getValue()));
                boolean allowed = rule.open() || rule.roles().contains(role.getKey());
                if (status >= 500) {
                    findings.add(method + " " + template + " as " + role.getKey() + ": " + status);
                } else if (allowed && (status == 401 || status == 403)) {
                    findings.add(method + " " + template + " as " + role.getKey() + " should pass, got " + status);
                } else if (!allowed && status != 403) {
                    findings.add(method + " " + template + " as " + role.getKey() + " expected 403, got " + status);
                }
            }
            for (Map.Entry<String, String> bad : badTokens(jwt).entrySet()) {
                int status = call(baseUrl, method, path, bad.getValue());
                if (status != 401) {
                    findings.add(method + " " + template + " with a token " + bad.getKey() + " expected 401, got "
                            + status);
                }
            }
        }
        return findings;
    }

    /**
     * Tokens every endpoint must refuse: signed by a stranger, expired, from another issuer, for another audience (a
     * token the same Keycloak issued to another application), without an audience, not a JWT.
     */
    public static Map<String, String> badTokens(JwtIssuer jwt) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("signed by another key", new JwtIssuer(jwt.issuer()).token(DemoUser.ADMIN));
        JwtClaims expired = new JwtClaims();
        expired.setIssuer(jwt.issuer());
        expired.setAudience(JwtIssuer.AUDIENCE);
        expired.setSubject("admin");
        expired.setStringListClaim("groups", "admin");
        expired.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(1_600_000_000L));
        expired.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(1_600_003_600L));
        tokens.put("that expired", jwt.sign(expired));
        tokens.put("from another issuer", new JwtIssuerView(jwt).foreignIssuer());
        tokens.put("for another audience", new JwtIssuerView(jwt).admin(jwt.issuer(), "another-app"));
        tokens.put("without an audience", new JwtIssuerView(jwt).admin(jwt.issuer(), null));
        tokens.put("that is no JWT", "not-a-jwt");
        return tokens;
    }

    private static int call(String baseUrl, String method, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Signs admin tokens with the trusted key but odd claims. */
    private record JwtIssuerView(JwtIssuer jwt) {
        String foreignIssuer() {
            return admin("https://evil.example/issuer", JwtIssuer.AUDIENCE);
        }

        String admin(String issuer, String audience) {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            if (audience != null) {
                claims.setAudience(audience);
            }
            claims.setSubject("admin");
            claims.setStringListClaim("groups", "admin");
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(10);
            return jwt.sign(claims);
        }
    }
}
