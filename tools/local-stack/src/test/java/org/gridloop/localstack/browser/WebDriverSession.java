package org.gridloop.localstack.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Headless Chromium through Debian's chromedriver, spoken to in the W3C WebDriver protocol (plain JSON over HTTP,
 * https://www.w3.org/TR/webdriver2/). Deliberately this thin: it needs nothing on the test class path but Jackson,
 * so tools/local-stack's test dependencies stay as they are. Selenium's API maps one to one onto these calls.
 */
final class WebDriverSession implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process driver;
    private final String base;

    /** An element of the current page. */
    record Element(String id) {
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private WebDriverSession(Process driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    static WebDriverSession start(Path logFile) throws IOException, InterruptedException {
        int port = org.gridloop.infra.FreePorts.pick();
        Files.createDirectories(logFile.getParent());
        Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        String url = "http://127.0.0.1:" + port;
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            try {
                HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200 && JSON.readTree(status.body()).path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline) || !driver.isAlive()) {
                driver.destroyForcibly();
                throw new IllegalStateException("chromedriver did not start, see " + logFile);
            }
            Thread.sleep(200);
        }
        ObjectNode options = JSON.createObjectNode().put("binary", CHROMIUM.toString());
        ArrayNode args = options.putArray("args");
        List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=zh-CN", "--window-size=1280,1000").forEach(args::add);
        ObjectNode caps = JSON.createObjectNode();
        ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
        always.put("browserName", "chrome");
        always.set("goog:chromeOptions", options);
        // the browser's console (CSP violations, uncaught errors), read with browserLog()
        always.putObject("goog:loggingPrefs").put("browser", "ALL");
        JsonNode created = post(url + "/session", caps);
        return new WebDriverSession(driver, url + "/session/" + created.path("sessionId").asText());
    }

    // ---- the protocol

    private static JsonNode post(String url, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        JsonNode value = json.path("value");
        if (response.statusCode() >= 400) {
            throw new WebDriverException(value.path("error").asText(), value.path("message").asText());
        }
        return json.has("sessionId") ? json : value;
    }

    private JsonNode post(String path, Object body) {
        try {
            return post(base + path, JSON.valueToTree(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static final class WebDriverException extends RuntimeException {
        final String error;

        WebDriverException(String error, String message) {
            super(error + ": " + message);
            this.error = error;
        }
    }

    // ---- what the tests use

    void open(String url) {
        post("/url", java.util.Map.of("url", url));
    }

    void windowSize(int width, int height) {
        post("/window/rect", java.util.Map.of("width", width, "height", height));
    }

    List<Element> findAll(String css) {
        JsonNode found = post("/elements", java.util.Map.of("using", "css selector", "value", css));
        return java.util.stream.StreamSupport.stream(found.spliterator(), false)
                .map(n -> new Element(n.path(ELEMENT).asText())).toList();
    }

    /** Waits (up to 30 s) for an element to exist. */
    Element find(String css) {
        return await("element " + css, Duration.ofSeconds(30), () -> {
            List<Element> all = findAll(css);
            return all.isEmpty() ? null : all.get(0);
        });
    }

    void click(String css) {
        Element e = find(css);
        await("clickable " + css, Duration.ofSeconds(10), () -> {
            try {
                post("/element/" + e.id() + "/click", java.util.Map.of());
                return true;
            } catch (WebDriverException notYet) {
                if (notYet.error.contains("stale")) {
                    throw notYet;
                }
                return null;
            }
        });
    }

    /** Clicks inside an element, x/y pixels from its centre (a real pointer click, e.g. on a map). */
    void clickAt(String css, int x, int y) {
        Element e = find(css);
        java.util.Map<String, Object> move = new java.util.LinkedHashMap<>();
        move.put("type", "pointerMove");
        move.put("origin", java.util.Map.of(ELEMENT, e.id()));
        move.put("x", x);
        move.put("y", y);
        post("/actions", java.util.Map.of("actions", List.of(java.util.Map.of("type", "pointer", "id", "mouse",
                "parameters", java.util.Map.of("pointerType", "mouse"),
                "actions", List.of(move, java.util.Map.of("type", "pointerDown", "button", 0),
                        java.util.Map.of("type", "pointerUp", "button", 0))))));
    }

    void type(String css, String text) {
        Element e = find(css);
        post("/element/" + e.id() + "/clear", java.util.Map.of());
        post("/element/" + e.id() + "/value", java.util.Map.of("text", text));
    }

    /** Chooses a file in a file input (what a person does in the file picker or the phone's camera). */
    void attach(String css, java.nio.file.Path file) {
        post("/element/" + find(css).id() + "/value", java.util.Map.of("text", file.toAbsolutePath().toString()));
    }

    void select(String css, String value) {
        script("const s = document.querySelector(arguments[0]); s.value = arguments[1];"
                + " s.dispatchEvent(new Event('change', {bubbles: true}));", css, value);
    }

    String text(String css) {
        return get("/element/" + find(css).id() + "/text").asText();
    }

    JsonNode script(String body, Object... args) {
        return post("/execute/sync", java.util.Map.of("script", body, "args", List.of(args)));
    }

    /** Waits until the page's text contains {@code expected}, re-running {@code between} (e.g. a reload) meanwhile. */
    void awaitText(String css, String expected, Duration timeout, Runnable between) {
        await("'" + expected + "' in " + css, timeout, () -> {
            if (findAll(css).stream().anyMatch(e -> get("/element/" + e.id() + "/text").asText().contains(expected))) {
                return true;
            }
            if (between != null) {
                between.run();
            }
            return null;
        });
    }

    /** A console message: its level (SEVERE, WARNING, INFO...), source (security, javascript, network...), text. */
    record LogEntry(String level, String source, String message) {
    }

    /**
     * The browser's console messages since the last call, across page loads (chromedriver's log endpoint,
     * {@code POST /session/{id}/se/log}, kept in W3C mode; the messages Selenium's {@code logs().get(BROWSER)} reads).
     */
    List<LogEntry> browserLog() {
        JsonNode entries = post("/se/log", java.util.Map.of("type", "browser"));
        return java.util.stream.StreamSupport.stream(entries.spliterator(), false)
                .map(e -> new LogEntry(e.path("level").asText(), e.path("source").asText(), e.path("message").asText()))
                .toList();
    }

    /** The page as the browser prints it (WebDriver's Print Page: A4 portrait, print media, backgrounds), a PDF. */
    byte[] printToPdf() {
        return Base64.getDecoder().decode(post("/print", java.util.Map.of("orientation", "portrait",
                "background", true, "page", java.util.Map.of("width", 21.0, "height", 29.7))).asText());
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(get("/screenshot").asText()));
    }

    static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (WebDriverException e) {
                if (e.error.contains("alert")) {
                    throw e; // a script ran: never wait that out
                }
                last = e;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }

    @Override
    public void close() {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(base)).DELETE().timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException ignored) {
            // the driver goes anyway
        }
        driver.destroy();
        try {
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            driver.destroyForcibly();
        }
    }
}
