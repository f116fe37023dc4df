package org.gridloop.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.gridloop.infra.DemoUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The README's walkthrough, for real: the local stack (real PostgreSQL, real Kafka, the three packaged services in
 * their own JVMs) started exactly as the run command starts it, and one request driven around the whole loop
 * through the public HTTP APIs. Tracing is on, exporting to a collector in this test's memory: the loop must be one
 * trace across the three services.
 */
class WalkthroughIT {

    static LocalStack stack;
    static OtlpCollector traces;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("gridloop.root", "../..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("gridloop-walkthrough");
        traces = new OtlpCollector();
        // the one setting that turns tracing on, and where the spans go
        Map<String, String> tracing = Map.of(
                "QUARKUS_OTEL_SDK_DISABLED", "false",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        stack = LocalStack.start(LocalStack.Options.at(root, home).withServiceEnv(tracing));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        if (traces != null) {
            traces.close();
        }
    }

    record Reply(int status, JsonNode body) {
    }

    static Reply call(String method, String url, DemoUser user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Bearer " + stack.jwt().token(user));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
        return new Reply(response.statusCode(), json);
    }

    /** A demo with demo keys and users answers this machine only (GRIDLOOP_BIND opens it on purpose). */
    @Test
    void theServicesListenOnThisMachineOnly() throws Exception {
        List<InetAddress> others = NetworkInterface.networkInterfaces().filter(ThisMachine::upAndNotLoopback)
                .flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).toList();
        assumeFalse(others.isEmpty(), "this machine has no address but the loopback one to try");
        for (String service : List.of("grid-intake", "report-in", "escalation")) {
            int port = URI.create(stack.url(service)).getPort();
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
            for (InetAddress address : others) {
                assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, port), 2000);
                    }
                }).as(service + " on " + address.getHostAddress() + ":" + port).isInstanceOf(ConnectException.class);
            }
        }
    }

    private static final class ThisMachine {
        static boolean upAndNotLoopback(NetworkInterface i) {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        }
    }

    @Test
    void oneRequestTravelsTheWholeLoopAndTheTimelineHasEveryStepInOrder() throws Exception {
        String intake = stack.url("grid-intake");
        String reportIn = stack.url("report-in");
        String escalation = stack.url("escalation");

        // 发现: a resident reports a leaking water main
        Reply submitted = call("POST", intake + "/api/requests", DemoUser.RESIDENT, """
                {"category":"water-leak","description":"建国里 3 号楼前水管爆裂，水流到路面","location":
                 {"latitude":39.905,"longitude":116.445,"address":"建国里 3 号"},
                 "contact":{"name":"王女士","phone":"13800000000"}}""");
        assertThat(submitted.status()).isEqualTo(201);
        String id = submitted.body().get("id").asText();

        // 受理 -> 分流 -> 吹哨: the water department is called
        await().atMost(Duration.ofSeconds(60)).until(() ->
                call("GET", reportIn + "/api/dispatches/" + id, DemoUser.WATER, null).status() == 200);
        // 报到 and the answer
        assertThat(call("POST", reportIn + "/api/dispatches/" + id + "/report-in", DemoUser.WATER, null).status())
                .isEqualTo(200);
        assertThat(call("POST", reportIn + "/api/dispatches/" + id + "/answer", DemoUser.WATER,
                "{\"result\":\"FIXED\",\"note\":\"更换了破裂的管段\"}").status()).isEqualTo(200);

        // 核查: the grid worker checks on site that it is really fixed
        await().atMost(Duration.ofSeconds(60)).until(() -> "VERIFYING".equals(
                call("GET", intake + "/api/requests/" + id, DemoUser.GRID_WORKER, null).body().get("status").asText()));
        assertThat(call("POST", intake + "/api/tasks/" + id + "/verification", DemoUser.GRID_WORKER,
                "{\"passed\":true,\"note\":\"现场确认已修复\"}").status()).isEqualTo(200);

        // 反馈: the resident is asked, and rates
        await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_FEEDBACK".equals(
                call("GET", intake + "/api/requests/" + id, DemoUser.RESIDENT, null).body().get("status").asText()));
        assertThat(call("POST", intake + "/api/requests/" + id + "/rating", DemoUser.RESIDENT,
                "{\"rating\":5,\"comment\":\"很快，谢谢\"}").status()).isEqualTo(200);

        // 办结销号
        await().atMost(Duration.ofSeconds(60)).until(() -> "CLOSED".equals(
                call("GET", intake + "/api/requests/" + id, DemoUser.RESIDENT, null).body().get("status").asText()));
        Reply closed = call("GET", intake + "/api/requests/" + id, DemoUser.RESIDENT, null);
        assertThat(closed.body().get("outcome").asText()).isEqualTo("RESOLVED");
        assertThat(closed.body().toString()).doesNotContain("13800000000");

        // the supervisor's timeline: every step, in order
        List<String> expected = List.of(
                "gridloop.request.submitted.v1",
                "gridloop.request.accepted.v1",
                "gridloop.request.whistled.v1",
                "gridloop.dispatch.started.v1",
                "gridloop.dispatch.reported-in.v1",
                "gridloop.dispatch.answered.v1",
                "gridloop.dispatch.resolved.v1",
                "gridloop.request.verification-requested.v1",
                "gridloop.request.verified.v1",
                "gridloop.request.feedback-requested.v1",
                "gridloop.request.rated.v1",
                "gridloop.request.closed.v1");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Reply timeline = call("GET", escalation + "/api/cases/" + id + "/timeline", DemoUser.STREET_SUPERVISOR,
                    null);
            assertThat(timeline.status()).isEqualTo(200);
            List<String> types = new ArrayList<>();
            timeline.body().get("entries").forEach(e -> types.add(e.get("type").asText()));
            assertThat(types).containsExactlyElementsOf(expected);
        });
        Reply timeline = call("GET", escalation + "/api/cases/" + id + "/timeline", DemoUser.STREET_SUPERVISOR, null);
        assertThat(timeline.body().toString()).doesNotContain("13800000000").doesNotContain("王女士");
        assertThat(call("GET", escalation + "/api/cases/" + id + "/timeline", DemoUser.STREET_SUPERVISOR_2, null)
                .status()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> theCaseIsOneTraceAcrossTheServices(id));
    }

    /**
     * Every span of the case (its steps and the consumers applying its events) is in one trace, which spans the three
     * services, begins with the resident's submission over HTTP and reaches the escalation service's consumer of the
     * closing event: the whole loop, across HTTP, the outboxes, Kafka and the consumers.
     */
    static void theCaseIsOneTraceAcrossTheServices(String id) {
        List<OtlpCollector.ExportedSpan> spans = traces.spans();
        List<OtlpCollector.ExportedSpan> ofTheCase = spans.stream()
                .filter(s -> id.equals(s.attributes().get("gridloop.request_id"))).toList();
        assertThat(ofTheCase).as("spans naming the case").isNotEmpty();
        assertThat(ofTheCase.stream().map(OtlpCollector.ExportedSpan::traceId).distinct().toList())
                .as("the case's traces").hasSize(1);
        String trace = ofTheCase.get(0).traceId();
        List<OtlpCollector.ExportedSpan> inTrace = spans.stream().filter(s -> s.traceId().equals(trace)).toList();
        assertThat(inTrace.stream().map(OtlpCollector.ExportedSpan::service).distinct())
                .containsExactlyInAnyOrder("grid-intake", "report-in", "escalation");
        assertThat(inTrace).as("the submission over HTTP").anyMatch(s -> s.service().equals("grid-intake")
                && s.kind().equals("SPAN_KIND_SERVER") && s.name().startsWith("POST"));
        assertThat(inTrace).as("the department called, in report-in").anyMatch(s -> s.service().equals("report-in")
                && s.kind().equals("SPAN_KIND_CONSUMER")
                && "gridloop.request.whistled.v1".equals(s.attributes().get("cloudevents.event_type")));
        assertThat(inTrace).as("the closing reaching escalation").anyMatch(s -> s.service().equals("escalation")
                && s.kind().equals("SPAN_KIND_CONSUMER")
                && "gridloop.request.closed.v1".equals(s.attributes().get("cloudevents.event_type")));
        assertThat(inTrace).as("every published event").anyMatch(s -> s.kind().equals("SPAN_KIND_PRODUCER"));
    }
}
