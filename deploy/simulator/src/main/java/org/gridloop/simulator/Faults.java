package org.gridloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridloop.localstack.LocalStack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fault-injection run: under simulated load, kill -9 each service in turn and restart it, hard-restart the
 * Kafka broker, crash-restart PostgreSQL (pg_ctl stop -m immediate), and pause a service (SIGSTOP) past its Kafka
 * session timeout. Then drain, and check that nothing was lost or done twice:
 * every acknowledged request reached exactly one terminal state; no department was called twice for one whistle;
 * no event was applied twice to the read model; every closed case's timeline is complete and in order; the
 * evaluation aggregates the triggers kept equal a rebuild from the facts.
 * Writes results/faults.json and faults.md; exits non-zero when an invariant fails.
 */
final class Faults {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final Scenario scenario;
    private final Path results;
    private final List<Map<String, Object>> injected = new ArrayList<>();

    Faults(Path root, Scenario scenario, Path results) {
        this.root = root;
        this.scenario = scenario;
        this.results = results;
    }

    /** Returns whether every invariant held. */
    boolean run(double rate, int loadSeconds, int pauseSeconds) throws Exception {
        Files.createDirectories(results);
        Path home = root.resolve("deploy/simulator/target/faults-home");
        Map<String, Integer> ports = new LinkedHashMap<>();
        LocalStack.SERVICES.keySet().stream().filter(s -> !s.equals("web")).forEach(s -> ports.put(s, 0));
        System.out.println("faults: starting PostgreSQL, Kafka and the three services ...");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(root, home, 0, 0, null, "postgres",
                "postgres", null, ports, scenario.serviceEnv))) {
            City city = City.minting(scenario, stack.jwt());
            Loop.Urls urls = new Loop.Urls(stack.url("grid-intake"), stack.url("report-in"), stack.url("escalation"));
            Metrics metrics = new Metrics();
            ExecutorService http = Executors.newFixedThreadPool(16);
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
            Api api = new Api(http, scheduler, metrics);
            api.minAttempts = 80; // people keep trying (up to ~5 min) while a service or the broker is down
            Instant started = Instant.now();
            try (Loop loop = new Loop(scenario, city, api, urls, stack.kafkaClientConfig(), metrics, scheduler)) {
                loop.start();
                loop.awaitSubscribed(Duration.ofSeconds(30));
                Thread load = new Thread(() -> {
                    try {
                        Driver.run(loop, metrics, rate, loadSeconds, 0, t -> System.out.printf(
                                "  %4.0f s  acknowledged %d  closed %d  open %d%n", t, loop.acknowledged.size(),
                                metrics.closed.get(), loop.openCases()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "faults-load");
                load.start();
                int gap = Math.max(10, loadSeconds / 8);
                Thread.sleep(gap * 1000L);
                for (String service : List.of("grid-intake", "report-in", "escalation")) {
                    fault("kill -9 " + service + " and restart", () -> stack.killAndRestart(service));
                    Thread.sleep(gap * 1000L);
                }
                fault("kill -9 the Kafka broker and restart", stack::killAndRestartKafka);
                Thread.sleep(gap * 1000L);
                fault("PostgreSQL pg_ctl stop -m immediate, then start", () -> stack.postgres().restartImmediately());
                Thread.sleep(gap * 1000L);
                fault("SIGSTOP report-in for " + pauseSeconds + " s (past the 45 s Kafka session timeout), SIGCONT",
                        () -> {
                            long pid = stack.service("report-in").handle().pid();
                            signal("STOP", pid);
                            Thread.sleep(pauseSeconds * 1000L);
                            signal("CONT", pid);
                        });
                load.join();
                System.out.println("faults: load done; draining ...");
                Instant drainEnd = Instant.now().plus(Duration.ofMinutes(6));
                while (Instant.now().isBefore(drainEnd) && loop.openCases() > 0) {
                    Thread.sleep(2000);
                }
                Thread.sleep(5000); // let the read model catch up with the last events
                Map<String, Object> report = check(stack, loop.acknowledged, started);
                report.put("faults", injected);
                report.put("offeredRate", rate);
                report.put("loadSeconds", loadSeconds);
                report.put("actions", metrics.actions);
                Files.writeString(results.resolve("faults.json"), JSON.writeValueAsString(report));
                Files.writeString(results.resolve("faults.md"), markdown(report));
                System.out.println(markdown(report));
                return Boolean.TRUE.equals(report.get("passed"));
            } finally {
                scheduler.shutdownNow();
                http.shutdownNow();
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            }
        }
    }

    interface Injection {
        void inject() throws Exception;
    }

    private void fault(String what, Injection injection) throws Exception {
        Instant at = Instant.now();
        System.out.println("faults: " + what);
        injection.inject();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("fault", what);
        entry.put("at", at.toString());
        entry.put("recoveredInSeconds", Duration.between(at, Instant.now()).toMillis() / 1000.0);
        injected.add(entry);
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** The invariants, from the databases and the topics. */
    private Map<String, Object> check(LocalStack stack, Set<String> acknowledged, Instant since) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        Map<String, String> status = new HashMap<>();
        Map<String, String> mergedInto = new HashMap<>();
        try (Connection c = stack.postgres().connect()) {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT id, status, merged_into FROM grid_intake.service_request WHERE id = ANY (?)")) {
                q.setArray(1, c.createArrayOf("varchar", acknowledged.toArray()));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        status.put(rs.getString(1), rs.getString(2));
                        mergedInto.put(rs.getString(1), rs.getString(3));
                    }
                }
            }
            // the read model: one row per event id, whatever the deliveries
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*) - count(DISTINCT event_id) FROM escalation.timeline_entry")) {
                rs.next();
                long twice = rs.getLong(1);
                report.put("readModelEventsAppliedTwice", twice);
                if (twice != 0) {
                    violations.add(twice + " events applied twice to the timeline");
                }
            }
            long off = aggregatesOffFromFacts(c);
            report.put("evaluationAggregateRowsOffFromFacts", off);
            if (off != 0) {
                violations.add(off + " rows of kpi_day / cycle_day differ from a rebuild from the facts");
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM (SELECT request_id, round, "
                    + "department FROM report_in.department_assignment GROUP BY 1, 2, 3 HAVING count(*) > 1) d")) {
                rs.next();
                report.put("departmentsCalledTwiceInDb", rs.getLong(1));
                if (rs.getLong(1) != 0) {
                    violations.add(rs.getLong(1) + " departments with two assignments for one whistle");
                }
            }
        }
        // the topics: every distinct event per request
        Map<String, Map<String, JsonNode>> events = readTopics(stack.kafkaClientConfig(), acknowledged);
        long terminal = 0;
        long lost = 0;
        long duplicatedTerminal = 0;
        long calledTwice = 0;
        long incompleteTimelines = 0;
        for (String id : acknowledged) {
            String s = status.get(id);
            Map<String, JsonNode> byId = events.getOrDefault(id, Map.of());
            long closedEvents = byId.values().stream().filter(e -> e.path("type").asText()
                    .equals("gridloop.request.closed.v1")).count();
            boolean merged = "MERGED".equals(s) && mergedInto.get(id) != null;
            if (merged || "CLOSED".equals(s) || "REJECTED".equals(s)) {
                terminal++;
            } else {
                lost++;
                violations.add(id + " did not reach a terminal state (" + s + ")");
            }
            if (!merged && closedEvents != 1) {
                duplicatedTerminal += closedEvents > 1 ? 1 : 0;
                if (closedEvents > 1) {
                    violations.add(id + " closed " + closedEvents + " times");
                }
            }
            Map<String, Set<String>> started = new HashMap<>();
            for (JsonNode e : byId.values()) {
                if (e.path("type").asText().equals("gridloop.dispatch.started.v1")) {
                    started.computeIfAbsent(e.path("data").path("round").asText(), k -> new HashSet<>())
                            .add(e.path("id").asText());
                }
            }
            for (Map.Entry<String, Set<String>> round : started.entrySet()) {
                if (round.getValue().size() > 1) {
                    calledTwice++;
                    violations.add(id + " round " + round.getKey() + " dispatched " + round.getValue().size() + " times");
                }
            }
            if ("CLOSED".equals(s)) {
                incompleteTimelines += timelineIncomplete(stack, id, byId.size(), violations) ? 1 : 0;
            }
        }
        report.put("requestsAcknowledged", acknowledged.size());
        report.put("reachedTerminalState", terminal);
        report.put("lost", lost);
        report.put("closedTwice", duplicatedTerminal);
        report.put("departmentsCalledTwice", calledTwice);
        report.put("incompleteOrOutOfOrderTimelines", incompleteTimelines);
        report.put("faultsInjected", injected.size());
        report.put("violations", violations.size() > 50 ? violations.subList(0, 50) : violations);
        report.put("passed", violations.isEmpty() && acknowledged.size() > 0);
        report.put("date", Instant.now().toString());
        report.put("since", since.toString());
        return report;
    }

    /** A closed case's timeline has every event of the topics, starts with its submission and ends with closing. */
    private static boolean timelineIncomplete(LocalStack stack, String id, int eventsOnTopics, List<String> violations)
            throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = stack.postgres().connect(); PreparedStatement q = c.prepareStatement(
                "SELECT event_type FROM escalation.timeline_entry WHERE request_id = ? ORDER BY occurred_at, id")) {
            q.setString(1, id);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        boolean ok = types.size() == eventsOnTopics && !types.isEmpty()
                && types.get(0).equals("gridloop.request.submitted.v1")
                && types.get(types.size() - 1).equals("gridloop.request.closed.v1");
        if (!ok) {
            violations.add(id + " timeline: " + types.size() + " entries for " + eventsOnTopics + " events, "
                    + (types.isEmpty() ? "" : types.get(0) + " … " + types.get(types.size() - 1)));
        }
        return !ok;
    }

    private static Map<String, Map<String, JsonNode>> readTopics(Map<String, String> kafka, Set<String> ids)
            throws Exception {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-check-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Map<String, JsonNode>> events = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("gridloop.requests", "gridloop.dispatches", "gridloop.escalations"));
            Instant quiet = Instant.now().plusSeconds(10);
            while (Instant.now().isBefore(quiet)) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    quiet = Instant.now().plusSeconds(5);
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    String eventId = Loop.header(r, "ce_id");
                    String type = Loop.header(r, "ce_type");
                    if (ids.contains(r.key()) && eventId != null && type != null) {
                        try {
                            // binary content mode: the attributes from the headers, the payload from the value
                            com.fasterxml.jackson.databind.node.ObjectNode e = JSON.createObjectNode();
                            e.put("id", eventId);
                            e.put("type", type);
                            e.set("data", JSON.readTree(r.value()));
                            events.computeIfAbsent(r.key(), k -> new LinkedHashMap<>()).put(eventId, e);
                        } catch (Exception poison) {
                            // not an event
                        }
                    }
                }
            }
        }
        return events;
    }

    /**
     * The evaluation aggregates the triggers kept through the faults against a rebuild from the facts, in a
     * transaction that is rolled back: the rows (non-zero ones; cycle-time sums to the millisecond) only one side has.
     */
    private static long aggregatesOffFromFacts(Connection c) throws SQLException {
        String kpi = "SELECT grid_code, day, figure, numerator, denominator FROM escalation.kpi_day "
                + "WHERE numerator <> 0 OR denominator <> 0";
        String cycle = "SELECT grid_code, day, stage, bucket, cases, round(seconds::numeric, 3) FROM "
                + "escalation.cycle_day WHERE cases <> 0";
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE kept_kpi ON COMMIT DROP AS " + kpi);
            st.execute("CREATE TEMP TABLE kept_cycle ON COMMIT DROP AS " + cycle);
            st.execute("SELECT escalation.rebuild_evaluation_aggregates()");
            long off = 0;
            for (String q : List.of("(" + kpi + " EXCEPT SELECT * FROM kept_kpi) UNION ALL (SELECT * FROM kept_kpi "
                    + "EXCEPT " + kpi + ")", "(" + cycle + " EXCEPT SELECT * FROM kept_cycle) UNION ALL (SELECT * FROM "
                    + "kept_cycle EXCEPT " + cycle + ")")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + q + ") d")) {
                    rs.next();
                    off += rs.getLong(1);
                }
            }
            return off;
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    private static String markdown(Map<String, Object> report) {
        StringBuilder md = new StringBuilder("# Fault-injection run\n\n");
        md.append("Date: ").append(report.get("date")).append("  \nMachine: ").append(Bench.machineLine())
                .append("  \nLoad: ").append(report.get("offeredRate")).append(" submissions/s for ")
                .append(report.get("loadSeconds")).append(" s, simulated people acting through the public APIs\n\n");
        md.append("| fault | recovered in (s) |\n|---|---|\n");
        for (Object f : (List<?>) report.get("faults")) {
            Map<?, ?> m = (Map<?, ?>) f;
            md.append("| ").append(m.get("fault")).append(" | ").append(m.get("recoveredInSeconds")).append(" |\n");
        }
        md.append("\n| figure | value |\n|---|---|\n");
        for (String k : List.of("requestsAcknowledged", "faultsInjected", "reachedTerminalState", "lost",
                "closedTwice", "departmentsCalledTwice", "departmentsCalledTwiceInDb", "readModelEventsAppliedTwice",
                "evaluationAggregateRowsOffFromFacts", "incompleteOrOutOfOrderTimelines", "passed")) {
            md.append("| ").append(k).append(" | ").append(report.get(k)).append(" |\n");
        }
        List<?> violations = (List<?>) report.get("violations");
        if (!violations.isEmpty()) {
            md.append("\nViolations (first 50):\n\n");
            violations.forEach(v -> md.append("- ").append(v).append('\n'));
        }
        return md.toString();
    }
}
