package org.gridloop.infra;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Bad-input fuzzing of every operation in a service's OpenAPI document: random and edge values, huge bodies, wrong
 * content types, SQL and HTML injection, invalid UTF-8, hostile path and query values, sent as each role. Seeded,
 * bounded in time. A 5xx is a finding; so is a request that hangs.
 */
public final class ApiFuzzer {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static final String[] NASTY = {
        "", " ", "null", "true", "-1", "0", "1e309", "NaN", "99999999999999999999999", "-0.0",
        "' OR '1'='1", "'; DROP TABLE service_request; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)",
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{7*7}}", "${jndi:ldap://x/a}",
        "../../../../etc/passwd", "%00", "\u0000", "\uFFFF", "\uD800", "💧🚰".repeat(50), "測試".repeat(3000),
        "a".repeat(5000), "R20261123-ABCDEFGH", "110105001001001", "http://example.com/x.jpg"
    };

    /** What the run saw: responses by status, and the findings. */
    public record Report(Map<Integer, Integer> statuses, List<String> findings, int requests,
                         Map<String, Integer> created) {
    }

    private ApiFuzzer() {
    }

    public static Report run(String baseUrl, JwtIssuer jwt, long seed, Duration budget)
            throws IOException, InterruptedException {
        Random random = new Random(seed);
        List<String[]> operations = AuthorizationMatrix.operations(baseUrl);
        List<String> tokens = new ArrayList<>();
        tokens.add(null);
        AuthorizationMatrix.ROLE_USERS.values().forEach(u -> tokens.add(jwt.token(u)));
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> created = new TreeMap<>();
        List<String> findings = new ArrayList<>();
        Instant end = Instant.now().plus(budget);
        int requests = 0;
        while (Instant.now().isBefore(end) && !operations.isEmpty()) {
            String[] operation = operations.get(random.nextInt(operations.size()));
            String method = operation[0];
            String path = fillPath(operation[1], random) + query(random);
            String token = tokens.get(random.nextInt(tokens.size()));
            byte[] body = body(random);
            String contentType = contentType(random);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            requests++;
            try {
                int status = send(request.build());
                statuses.merge(status, 1, Integer::sum);
                if (status >= 200 && status < 300 && !method.equals("GET")) {
                    created.merge(method + " " + operation[1], 1, Integer::sum);
                }
                if (status >= 500) {
                    findings.add(status + " for " + method + " " + path + " (" + contentType + ", "
                            + body.length + " bytes): " + preview(body));
                }
            } catch (java.net.http.HttpTimeoutException e) {
                findings.add("no answer within 30 s for " + method + " " + path);
            } catch (IOException e) {
                if (body.length <= 1_000_000) {
                    findings.add("connection failed for " + method + " " + path + " (" + contentType + ", "
                            + body.length + " bytes: " + preview(body) + "): " + e.getMessage());
                } else {
                    // over the body limit the server answers 413 and may close before the client finished sending
                    statuses.merge(413, 1, Integer::sum);
                }
            }
        }
        return new Report(statuses, findings, requests, created);
    }

    /**
     * Sends; a server may answer early (401, 413) and close before reading the whole body, which breaks the pooled
     * connection under the next request: such a failure is retried once on a fresh connection.
     */
    private static int send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            throw e;
        } catch (IOException e) {
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return fresh.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static String fillPath(String template, Random random) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template.substring(i));
                break;
            }
            out.append(template, i, open);
            int close = template.indexOf('}', open);
            String value = NASTY[random.nextInt(NASTY.length)];
            if (value.length() > 300) {
                value = value.substring(0, 300);
            }
            out.append(URLEncoder.encode(value.isEmpty() ? "x" : value, StandardCharsets.UTF_8).replace("+", "%20"));
            i = close + 1;
        }
        return out.toString();
    }

    private static String query(Random random) {
        if (random.nextInt(3) != 0) {
            return "";
        }
        String[] names = {"grid", "status", "service_code", "start_date", "end_date", "limit", "unit", "from", "to",
            "api_key", "service_request_id", "period", "level"};
        String value = NASTY[random.nextInt(NASTY.length)];
        if (value.length() > 500) {
            value = value.substring(0, 500);
        }
        return "?" + names[random.nextInt(names.length)] + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String contentType(Random random) {
        String[] types = {"application/json", "application/json", "application/json", "text/plain",
            "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=latin1", null};
        return types[random.nextInt(types.length)];
    }

    private static byte[] body(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> new byte[0];
            case 1 -> "{\"category\":".getBytes(StandardCharsets.UTF_8); // truncated JSON
            case 2 -> new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
            case 3 -> ("{\"description\":\"" + "x".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 4 -> ("[" + "[".repeat(2000) + "]".repeat(2000) + "]").getBytes(StandardCharsets.UTF_8);
            case 5 -> randomObject(random).getBytes(StandardCharsets.UTF_8);
            case 6 -> ("api_key=" + NASTY[random.nextInt(NASTY.length)] + "&service_code=water-leak&lat=abc&long=")
                    .getBytes(StandardCharsets.UTF_8);
            default -> requestLike(random).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Almost a valid request: right field names, hostile values and types. */
    private static String requestLike(Random random) {
        Object[] values = {quote(NASTY[random.nextInt(NASTY.length)]), 12345, -1, 1e308, true, null, "[]", "{}",
            "[\"x\"]"};
        return "{\"category\":" + values[random.nextInt(values.length)]
                + ",\"description\":" + values[random.nextInt(values.length)]
                + ",\"location\":{\"latitude\":" + values[random.nextInt(values.length)]
                + ",\"longitude\":" + values[random.nextInt(values.length)] + "}"
                + ",\"photoUrls\":" + values[random.nextInt(values.length)]
                + ",\"rating\":" + values[random.nextInt(values.length)]
                + ",\"result\":" + values[random.nextInt(values.length)]
                + ",\"note\":" + values[random.nextInt(values.length)]
                + ",\"reason\":" + values[random.nextInt(values.length)]
                + ",\"passed\":" + values[random.nextInt(values.length)]
                + ",\"decision\":" + values[random.nextInt(values.length)] + "}";
    }

    private static String randomObject(Random random) {
        StringBuilder json = new StringBuilder("{");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(quote(NASTY[random.nextInt(NASTY.length)])).append(':')
                    .append(quote(NASTY[random.nextInt(NASTY.length)]));
        }
        return json.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ");
    }
}
