package org.gridloop.localstack;

import org.gridloop.infra.DemoUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling restart under load: grid-intake gets SIGTERM while residents keep submitting, exits within 10 s (a
 * Kubernetes grace period is 30 s), and comes back on the same port. Nothing it acknowledged is lost: every request
 * answered 201 is stored, taken on by its process, and its events leave the outbox (the WAL relay's slot confirmed
 * past them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulShutdownIT {

    static LocalStack stack;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("gridloop.root", "../..")).toAbsolutePath().normalize();
        Path home = Files.createTempDirectory("gridloop-shutdown");
        // the load comes from one address and one account: lift the submission limits for it
        stack = LocalStack.start(LocalStack.Options.at(root, home).withServiceEnv(Map.of("GRIDLOOP_RATE_LIMIT_SIGNED_IN_PER_MINUTE", "1000000",
                        "GRIDLOOP_RATE_LIMIT_SIGNED_IN_BURST", "1000000")));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Last: the whole stack (three services, the broker, PostgreSQL) stops in under 15 s, as Ctrl-C stops it. */
    @Test
    @Order(2)
    void theWholeStackStopsWithin15Seconds() {
        long t0 = System.nanoTime();
        stack.close();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        stack = null;
        System.out.printf("the local stack stopped in %d ms%n", took.toMillis());
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    @Order(1)
    void aBusyServiceStopsWithin10SecondsOnSigtermAndLosesNothing() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        String token = stack.jwt().token(DemoUser.RESIDENT);
        ScheduledExecutorService load = Executors.newScheduledThreadPool(4);
        // about 10 submissions a second, the sustained rate of the benchmark (those close to an open one are merged
        // into it: acknowledged all the same)
        load.scheduleAtFixedRate(() -> {
            int n = sent.getAndIncrement();
            String body = "{\"category\":\"street-light\",\"description\":\"路灯不亮 #" + n + "\",\"location\":"
                    + "{\"latitude\":" + (39.9005 + (n % 90) * 0.0001) + ",\"longitude\":"
                    + (116.4405 + (n / 90 % 90) * 0.0001) + "}}";
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("grid-intake")
                                + "/api/requests")).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                Matcher id = ID.matcher(r.body());
                if (r.statusCode() == 201 && id.find()) {
                    acknowledged.add(id.group(1));
                }
            } catch (Exception refusedWhileStopped) {
                // not acknowledged: the client would retry it
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100);
            LocalStack.Stopped stopped = stack.stopAndRestart("grid-intake", Duration.ofSeconds(30));
            int before = acknowledged.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= before + 100);
            assertThat(stopped.killed()).as("exited by itself").isFalse();
            assertThat(stopped.took()).as("SIGTERM to exit, under load").isLessThan(Duration.ofSeconds(10));
            System.out.printf("grid-intake stopped in %d ms under load (%d submissions acknowledged)%n",
                    stopped.took().toMillis(), acknowledged.size());
        } finally {
            load.shutdownNow();
            load.awaitTermination(20, TimeUnit.SECONDS);
        }
        List<String> ids = List.copyOf(acknowledged);
        String written;
        try (Connection c = stack.postgres().connect(); PreparedStatement st = c.prepareStatement(
                "SELECT pg_current_wal_lsn()::text"); ResultSet rs = st.executeQuery()) {
            rs.next();
            written = rs.getString(1);
        }
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            try (Connection c = stack.postgres().connect()) {
                assertThat(count(c, "SELECT count(*) FROM grid_intake.service_request WHERE id = ANY (?)", ids))
                        .as("acknowledged requests stored").isEqualTo(ids.size());
                assertThat(count(c, "SELECT count(*) FROM grid_intake.service_request WHERE id = ANY (?) "
                        + "AND status IN ('SUBMITTED', 'ACCEPTED')", ids)).as("each taken on by its process").isZero();
                assertThat(count(c, "SELECT count(*) FROM grid_intake.outbox", null)).as("no event left in the table")
                        .isZero();
                // the WAL relay confirms a commit to its slot once Kafka acknowledged its events
                assertThat(count(c, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = "
                        + "'gridloop_outbox_grid_intake' AND confirmed_flush_lsn >= '" + written + "'::pg_lsn", null))
                        .as("every event written before the load stopped relayed").isEqualTo(1);
            }
        });
    }

    private static long count(Connection c, String sql, List<String> ids) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            if (ids != null) {
                st.setArray(1, c.createArrayOf("text", ids.toArray()));
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
