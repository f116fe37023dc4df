package org.gridloop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every endpoint of a service (read from its own OpenAPI document) against every role: an endpoint without a rule,
 * an anonymous call to a protected endpoint that is not 401, a role outside the rule that is not 403, an allowed
 * role that is refused, or any 5xx, is a finding. {@link #checkOwned} adds the object boundary with real ids: a
 * real case, dispatch or escalation, and people of the allowed roles who are not its owner (another grid, department,
 * unit, resident): every operation that names it must refuse them and change nothing. Both run over every endpoint
 * of the document, including the ones added tomorrow.
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
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private AuthorizationMatrix() {
    }

    /** The operations of the service's OpenAPI document, as "METHOD /path/{param}", outside /q/. */
    public static List<String[]> operations(String baseUrl) throws IOException, InterruptedException {
        JsonNode paths = document(baseUrl).path("paths");
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
     * A real object and who must not reach it. {@code ids} fills the path parameters by name (e.g. {@code id} and
     * {@code requestId} with a case of grid 110105001001001, {@code department} with a called department);
     * {@code owner} reads it at {@code readPath} (200); {@code outsiders} are people of roles the endpoints allow but
     * of another grid, department, unit or account. Operations matching {@code publicPaths} (public by design, such
     * as Open311's) are left out.
     */
    public record Owned(Map<String, String> ids, DemoUser owner, String readPath, List<DemoUser> outsiders,
                        Pattern publicPaths) {
    }

    /**
     * Every operation whose path has a parameter is called with the real ids by each outsider and anonymously, with
     * a body built from the operation's OpenAPI schema (so validation passes and only access can refuse): anything
     * but 403 or 404 (or 401 anonymously) is a finding, as is a parameter without an id, and a change of what the
     * owner reads afterwards.
     */
    public static List<String> checkOwned(String baseUrl, JwtIssuer jwt, Owned owned)
            throws IOException, InterruptedException {
        List<String> findings = new ArrayList<>();
        String ownerToken = jwt.token(owned.owner());
        HttpResponse<String> before = send(baseUrl, "GET", owned.readPath(), ownerToken, null);
        if (before.statusCode() != 200) {
            findings.add("the owner " + owned.owner().username() + " cannot read " + owned.readPath() + ": "
                    + before.statusCode() + " (the object must be real for this check to mean anything)");
            return findings;
        }
        JsonNode doc = document(baseUrl);
        int called = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String template = entry.getKey();
            if (!template.contains("{") || owned.publicPaths().matcher(template).matches()) {
                continue;
            }
            String path = fill(template, owned.ids());
            if (path == null) {
                findings.add(template + ": no real id for its parameters (have " + owned.ids().keySet() + ")");
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = entry.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                String body = method.equals("GET") || method.equals("DELETE") ? null : validBody(doc, op.getValue());
                int anonymous = send(baseUrl, method, path, null, body).statusCode();
                if (anonymous != 401 && anonymous != 403 && anonymous != 404) {
                    findings.add(method + " " + path + " anonymous: expected 401, 403 or 404, got " + anonymous);
                }
                for (DemoUser outsider : owned.outsiders()) {
                    HttpResponse<String> answer = send(baseUrl, method, path, jwt.token(outsider), body);
                    int status = answer.statusCode();
                    if (status != 403 && status != 404) {
                        findings.add(method + " " + path + " as " + outsider.username() + " (not the owner's "
                                + "grid, department, unit or account): expected 403 or 404, got " + status
                                + (status == 400 ? " for " + body + ": " + answer.body() : ""));
                    }
                }
                called++;
            }
        }
        if (called == 0) {
            findings.add("no operation names an object");
        }
        HttpResponse<String> after = send(baseUrl, "GET", owned.readPath(), ownerToken, null);
        if (after.statusCode() != 200 || !JSON.readTree(after.body()).equals(JSON.readTree(before.body()))) {
            findings.add("what " + owned.owner().username() + " reads at " + owned.readPath()
                    + " changed after the outsiders' calls: " + before.body() + " -> " + after.body());
        }
        return findings;
    }

    private static String fill(String template, Map<String, String> ids) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = ids.get(m.group(1));
            if (id == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(id));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A JSON body that satisfies the operation's request schema: examples, first enum values, minimums. */
    static String validBody(JsonNode doc, JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? "{}" : sample(doc, schema, 0).toString();
    }

    private static JsonNode sample(JsonNode doc, JsonNode schema, int depth) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return depth > 5 ? JSON.nullNode()
                    : sample(doc, doc.path("components").path("schemas").path(name), depth + 1);
        }
        if (schema.has("example")) {
            return schema.get("example");
        }
        if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) {
            return schema.get("examples").get(0); // OpenAPI 3.1
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        return switch (schema.path("type").asText("object")) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> p = schema.path("properties").fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = p.next();
                    object.set(property.getKey(), sample(doc, property.getValue(), depth + 1));
                }
                yield object;
            }
            case "array" -> JSON.createArrayNode();
            case "integer" -> JSON.getNodeFactory().numberNode(schema.path("minimum").asLong(1));
            case "number" -> JSON.getNodeFactory().numberNode(schema.path("minimum").asDouble(1));
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            default -> JSON.getNodeFactory().textNode("date-time".equals(schema.path("format").asText())
                    ? "2030-01-01T00:00:00Z" : "授权矩阵");
        };
    }

    private static JsonNode document(String baseUrl) throws IOException, InterruptedException {
        return JSON.readTree(send(baseUrl, "GET", "/q/openapi?format=json", null, null).body());
    }

    static HttpResponse<String> send(String baseUrl, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    /** The role matrix's call: an empty JSON object as the body of a write. */
    private static int call(String baseUrl, String method, String path, String token)
            throws IOException, InterruptedException {
        return send(baseUrl, method, path, token, method.equals("GET") || method.equals("DELETE") ? null : "{}")
                .statusCode();
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
