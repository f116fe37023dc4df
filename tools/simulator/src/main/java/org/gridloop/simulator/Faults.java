package org.gridloop.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridloop.contracts.EventTypes;
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
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The fault-injection run: under simulated load, kill -9 each service in turn and restart it, hard-restart the
 * Kafka broker, crash-restart PostgreSQL (SIGQUIT to the postmaster: the immediate shutdown that
 * {@code pg_ctl stop -m immediate} sends), and pause a service (SIGSTOP) past its Kafka session timeout. With
 * replicas (two instances of each service by default, behind the local stack's balancers) each fault hits one
 * instance while the other goes on, and a rolling restart of every service follows (SIGTERM each instance in turn,
 * start it again, wait until it is ready), all under load. Then drain, gather grid-intake's requests, the distinct events on the topics, the timeline rows
 * and report-in's department assignments, and check the invariants of {@link Invariants} over them: every
 * acknowledged request reached one terminal state with its terminal event; the read model applied each event once;
 * each department was called once per whistle; each timeline is in the topics' order; the loop closed cases again
 * after each fault; the offered load is accounted for; the evaluation aggregates equal a rebuild from the facts.
 * Writes results/faults.json and faults.md; exits non-zero when an invariant fails.
 */
final class Faults {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final Scenario scenario;
    private final Path results;
    private final List<Invariants.Fault> injected = new ArrayList<>();
    /** How each instance stopped during the rolling restarts: seconds from SIGTERM to exit, killed or not. */
    private final List<Invariants.Stop> rollingStops = new ArrayList<>();

    Faults(Path root, Scenario scenario, Path results) {
        this.root = root;
        this.scenario = scenario;
        this.results = results;
    }

    /** Returns whether every invariant held. */
    boolean run(double rate, int loadSeconds, int pauseSeconds, int replicas) throws Exception {
        Files.createDirectories(results);
        Path home = root.resolve("tools/simulator/target/faults-home");
        System.out.println("faults: starting PostgreSQL, Kafka and " + replicas + " instance(s) of each service ...");
        try (LocalStack stack = LocalStack.start(LocalStack.Options.at(root, home)
                .withServiceEnv(scenario.serviceEnv).withInstances(replicas))) {
            City city = City.minting(scenario, stack.jwt());
            CityPeople.Urls urls = new CityPeople.Urls(stack.url("grid-intake"), stack.url("report-in"),
                    stack.url("escalation"));
            Metrics metrics = new Metrics();
            ExecutorService http = Executors.newFixedThreadPool(16);
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
            Api api = new Api(http, scheduler, metrics);
            api.minAttempts = 80; // people keep trying (up to ~5 min) while a service or the broker is down
            Instant started = Instant.now();
            try (CityPeople people = new CityPeople(scenario, city, api, urls, stack.kafkaClientConfig(), metrics,
                    scheduler)) {
                people.start();
                people.awaitSubscribed(Duration.ofSeconds(30));
                // with replicas the load goes on until the rolling restarts are done (then it is interrupted)
                int offeredFor = replicas == 1 ? loadSeconds : loadSeconds * 4;
                Thread load = new Thread(() -> {
                    try {
                        Driver.run(people, metrics, rate, offeredFor, 0, t -> System.out.printf(
                                "  %4.0f s  acknowledged %d  closed %d  open %d%n", t, people.acknowledged.size(),
                                metrics.closed.get(), people.openCases()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "faults-load");
                load.start();
                int gap = Math.max(10, loadSeconds / 8);
                Thread.sleep(gap * 1000L);
                // with replicas: the last instance of each service takes the blows, the first keeps serving
                int hit = replicas;
                String which = replicas == 1 ? "" : " (instance " + hit + " of " + replicas + ")";
                for (String service : List.of("grid-intake", "report-in", "escalation")) {
                    fault("kill -9 " + service + which + " and restart", () -> stack.killAndRestart(service, hit));
                    Thread.sleep(gap * 1000L);
                }
                fault("kill -9 the Kafka broker and restart", stack::killAndRestartKafka);
                Thread.sleep(gap * 1000L);
                fault("PostgreSQL crash (SIGQUIT to the postmaster, as pg_ctl stop -m immediate), then start",
                        () -> stack.postgres().restartImmediately());
                Thread.sleep(gap * 1000L);
                fault("SIGSTOP report-in" + which + " for " + pauseSeconds
                                + " s (past the 45 s Kafka session timeout), SIGCONT",
                        () -> {
                            long pid = stack.instance("report-in", hit).handle().pid();
                            signal("STOP", pid);
                            Thread.sleep(pauseSeconds * 1000L);
                            signal("CONT", pid);
                        });
                if (replicas > 1) {
                    Thread.sleep(gap * 1000L);
                    for (String service : List.of("grid-intake", "report-in", "escalation")) {
                        fault("rolling restart of " + service + ": SIGTERM each of its " + replicas
                                + " instances in turn, start it again, wait until ready", () -> {
                            for (int instance = 1; instance <= replicas; instance++) {
                                LocalStack.Stopped stopped = stack.stopAndRestart(service, instance,
                                        Duration.ofSeconds(30));
                                rollingStops.add(new Invariants.Stop(service, instance, stopped.took(),
                                        stopped.killed()));
                            }
                        });
                        Thread.sleep(gap * 1000L / 2);
                    }
                    // the load ran as long as the faults took (it was started long enough): stop it now
                    load.interrupt();
                }
                load.join();
                Instant loadEnded = Instant.now();
                System.out.println("faults: load done; draining ...");
                Instant drainEnd = Instant.now().plus(Duration.ofMinutes(6));
                while (Instant.now().isBefore(drainEnd) && people.openCases() > 0) {
                    Thread.sleep(2000);
                }
                Map<String, Object> report = check(stack, people.acknowledged, metrics, started);
                report.put("offeredRate", rate);
                report.put("loadSeconds", Math.round(Duration.between(started, loadEnded).toMillis() / 1000.0));
                report.put("instancesPerService", replicas);
                report.put("rollingRestartStops", rollingStops.stream().map(s -> Map.of("service", s.service(),
                        "instance", s.instance(), "exitSeconds", Math.round(s.took().toMillis() / 100.0) / 10.0,
                        "killed", s.killed())).toList());
                report.put("actions", metrics.actions);
                String name = replicas == 1 ? "faults-single-instance" : "faults";
                Files.writeString(results.resolve(name + ".json"), JSON.writeValueAsString(report));
                Files.writeString(results.resolve(name + ".md"), markdown(report));
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
        injected.add(new Invariants.Fault(what, at, Instant.now()));
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** Gathers what the invariants read, from the databases and the topics, and checks them ({@link Invariants}). */
    private Map<String, Object> check(LocalStack stack, Set<String> acknowledged, Metrics metrics, Instant since)
            throws Exception {
        Map<String, Invariants.Request> requests = new HashMap<>();
        Map<String, List<Invariants.Row>> timeline = new HashMap<>();
        Map<String, List<Invariants.Assignment>> assignments = new HashMap<>();
        Map<String, List<Invariants.Event>> events = readTopics(stack.kafkaClientConfig(), acknowledged);
        Set<String> recorded = new HashSet<>();
        EventTypes.all().forEach(t -> recorded.add(t.name())); // the read model has a stage for every type
        long expectedRows = events.values().stream().flatMap(List::stream)
                .filter(e -> recorded.contains(e.type())).count();
        long aggregatesOff;
        try (Connection c = stack.postgres().connect()) {
            java.sql.Array ids = c.createArrayOf("varchar", acknowledged.toArray());
            awaitReadModel(c, ids, expectedRows);
            try (PreparedStatement q = c.prepareStatement("SELECT id, status, outcome, merged_into FROM "
                    + "grid_intake.service_request WHERE id = ANY (?)")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        requests.put(rs.getString(1), new Invariants.Request(rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4)));
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT request_id, id, event_id, event_type, occurred_at, "
                    + "recorded_at FROM escalation.timeline_entry WHERE request_id = ANY (?) "
                    + "ORDER BY request_id, occurred_at, recorded_at, id")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        timeline.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Invariants.Row(
                                rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                                rs.getObject(6, java.time.OffsetDateTime.class).toInstant()));
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT request_id, round, department FROM "
                    + "report_in.department_assignment WHERE request_id = ANY (?) ORDER BY request_id, round, department")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        assignments.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(new Invariants.Assignment(rs.getInt(2), rs.getString(3)));
                    }
                }
            }
            aggregatesOff = aggregatesOffFromFacts(c);
        }
        Map<String, Long> submissions = new TreeMap<>();
        metrics.submitOutcomes.forEach((k, v) -> submissions.put(k, v.get()));
        Invariants.Result result = Invariants.check(new Invariants.Data(Set.copyOf(acknowledged), requests, events,
                timeline, assignments, recorded, injected, List.copyOf(metrics.closesSeen), metrics.offered.get(),
                submissions, aggregatesOff, List.copyOf(rollingStops)));

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("passed", result.passed());
        Map<String, Object> terminal = result.check(Invariants.TERMINAL_STATE).figures;
        Map<String, Object> readModel = result.check(Invariants.READ_MODEL_APPLIED_ONCE).figures;
        Map<String, Object> called = result.check(Invariants.DEPARTMENTS_CALLED_ONCE).figures;
        Map<String, Object> order = result.check(Invariants.TIMELINE_ORDER).figures;
        Map<String, Object> load = result.check(Invariants.LOAD_ACCOUNTED).figures;
        report.put("offered", load.get("offered"));
        report.put("requestsAcknowledged", acknowledged.size());
        report.put("refused", load.get("refused"));
        report.put("connectionFailures", load.get("connectionFailures"));
        report.put("submitErrors", load.get("errors"));
        report.put("reachedTerminalState", terminal.get("reachedTerminalState"));
        report.put("lost", terminal.get("lost"));
        report.put("closedTwice", terminal.get("closedTwice"));
        report.put("terminalEventMissingOrWrong", (Long) terminal.get("terminalEventMissing")
                + (Long) terminal.get("wrongTerminalEvent"));
        report.put("readModelEventsMissing", readModel.get("missing"));
        report.put("readModelRowsNotOnTopics", readModel.get("notOnTopics"));
        report.put("dispatchedTwice", called.get("dispatchedTwice"));
        report.put("departmentsCalledTwice", called.get("departmentsCalledTwice"));
        report.put("departmentsMissingOrExtra", (Long) called.get("departmentsMissing")
                + (Long) called.get("departmentsExtra"));
        report.put("timelinesOutOfOrder", order.get("outOfOrder"));
        report.put("evaluationAggregateRowsOffFromFacts", aggregatesOff);
        report.put("faultsInjected", injected.size());
        report.put("faults", result.check(Invariants.RECOVERY).figures.get("faults"));
        List<Map<String, Object>> checks = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (Invariants.Check c : result.checks()) {
            checks.add(c.toMap(20));
            c.violations.forEach(v -> violations.add(c.name + ": " + v));
        }
        report.put("checks", checks);
        report.put("violations", violations.size() > 50 ? violations.subList(0, 50) : violations);
        report.put("date", Instant.now().toString());
        report.put("since", since.toString());
        return report;
    }

    /**
     * Waits (up to 60 s) until the timeline holds as many rows for the requests as the topics hold events of theirs:
     * the read model has caught up, or what is missing stays missing and the check reports it.
     */
    private static void awaitReadModel(Connection c, java.sql.Array ids, long expected) throws Exception {
        Instant until = Instant.now().plusSeconds(60);
        long rows = -1;
        while (Instant.now().isBefore(until)) {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT count(*) FROM escalation.timeline_entry WHERE request_id = ANY (?)")) {
                q.setArray(1, ids);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
            }
            if (rows >= expected) {
                return;
            }
            Thread.sleep(500);
        }
        System.out.println("faults: the timeline has " + rows + " rows for " + expected + " events after 60 s");
    }

    /**
     * Every distinct event (by CloudEvent id, first delivery) of the given requests on the three topics, per request
     * in the order read: per topic that is the order of the request's partition.
     */
    private static Map<String, List<Invariants.Event>> readTopics(Map<String, String> kafka, Set<String> ids)
            throws Exception {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-check-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Map<String, Invariants.Event>> events = new HashMap<>();
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
                    String eventId = CityPeople.header(r, "ce_id");
                    String type = CityPeople.header(r, "ce_type");
                    String subject = CityPeople.header(r, "ce_subject");
                    String id = subject != null ? subject : r.key();
                    if (id == null || !ids.contains(id) || eventId == null || type == null) {
                        continue;
                    }
                    try {
                        // binary content mode: the attributes from the headers, the payload from the value
                        Invariants.Event e = new Invariants.Event(eventId, type, r.topic(),
                                Instant.parse(CityPeople.header(r, "ce_time")), JSON.readTree(r.value()));
                        events.computeIfAbsent(id, k -> new LinkedHashMap<>()).putIfAbsent(eventId, e);
                    } catch (Exception poison) {
                        System.err.println("faults: " + r.topic() + " " + r.partition() + "@" + r.offset()
                                + " is not an event: " + poison);
                    }
                }
            }
        }
        Map<String, List<Invariants.Event>> lists = new HashMap<>();
        events.forEach((id, byId) -> lists.put(id, new ArrayList<>(byId.values())));
        return lists;
    }

    /**
     * The evaluation aggregates the triggers kept through the faults (the departments' too), and their roll-ups with
     * the deltas not folded yet folded in, against a rebuild from the facts, in a transaction that is rolled back: the rows (non-zero ones;
     * cycle-time sums to the millisecond on grid days, roll-up histograms by their counts) only one side has.
     */
    private static long aggregatesOffFromFacts(Connection c) throws SQLException {
        List<String> kept = List.of(
                "SELECT grid_code, day, figure, numerator, denominator FROM escalation.kpi_day "
                        + "WHERE numerator <> 0 OR denominator <> 0",
                "SELECT grid_code, day, stage, bucket, cases, round(seconds::numeric, 3) FROM escalation.cycle_day "
                        + "WHERE cases <> 0",
                "SELECT grid_code, day, category, source, cases FROM escalation.category_day WHERE cases <> 0",
                "SELECT unit, grain, start, figure, numerator, denominator FROM escalation.kpi_rollup "
                        + "WHERE numerator <> 0 OR denominator <> 0",
                "SELECT unit, grain, start, stage, bucket, cases FROM escalation.cycle_rollup WHERE cases <> 0",
                "SELECT unit, grain, start, category, source, cases FROM escalation.category_rollup WHERE cases <> 0",
                // the departments' (V14): their day rows are the fold's too
                "SELECT street_code, day, department, figure, numerator, denominator FROM escalation.dept_kpi_day "
                        + "WHERE numerator <> 0 OR denominator <> 0",
                "SELECT street_code, day, department, stage, bucket, cases, round(seconds::numeric, 3) FROM "
                        + "escalation.dept_cycle_day WHERE cases <> 0",
                "SELECT unit, grain, start, department, figure, numerator, denominator FROM escalation.dept_kpi_rollup "
                        + "WHERE numerator <> 0 OR denominator <> 0",
                "SELECT unit, grain, start, department, stage, bucket, cases FROM escalation.dept_cycle_rollup "
                        + "WHERE cases <> 0");
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            // what a read sees: the roll-ups plus the deltas not folded yet (under the lock the services' fold and the
            // rebuild take, so neither waits on this transaction's rows while it waits on them)
            st.execute("SELECT pg_advisory_xact_lock(hashtext('escalation.evaluation_aggregates'))");
            st.execute("SELECT escalation.fold_evaluation_rollups()");
            for (int i = 0; i < kept.size(); i++) {
                st.execute("CREATE TEMP TABLE kept_" + i + " ON COMMIT DROP AS " + kept.get(i));
            }
            st.execute("SELECT escalation.rebuild_evaluation_aggregates()");
            long off = 0;
            for (int i = 0; i < kept.size(); i++) {
                String q = "(" + kept.get(i) + " EXCEPT SELECT * FROM kept_" + i + ") UNION ALL (SELECT * FROM kept_"
                        + i + " EXCEPT " + kept.get(i) + ")";
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
                .append(report.get("loadSeconds")).append(" s, simulated people acting through the public APIs")
                .append("  \nInstances of each service: ").append(report.get("instancesPerService"))
                .append(Integer.valueOf(1).equals(report.get("instancesPerService")) ? ""
                        : " (behind the local stack's round-robin balancers; each fault hits one instance)")
                .append("\n\n");
        md.append("| fault | injection took (s) | recovered in (s): fault start → first case closed | closed during "
                + "the injection | first close after the injection ended (s) | first close seen by the simulator "
                + "(s) |\n|---|---|---|---|---|---|\n");
        for (Object f : (List<?>) report.get("faults")) {
            Map<?, ?> m = (Map<?, ?>) f;
            md.append("| ").append(m.get("fault")).append(" | ").append(m.get("injectionSeconds")).append(" | ")
                    .append(orNever(m.get("recoveredInSeconds"))).append(" | ").append(m.get("closedDuringInjection"))
                    .append(" | ").append(orNever(m.get("firstCloseAfterInjectionSeconds"))).append(" | ")
                    .append(orNever(m.get("firstCloseSeenBySimulatorSeconds"))).append(" |\n");
        }
        List<?> stops = (List<?>) report.get("rollingRestartStops");
        if (stops != null && !stops.isEmpty()) {
            md.append("\nRolling restarts, under load: each instance's time from SIGTERM to exit (the grace period is "
                    + "30 s; a service must exit within 10 s)\n\n| service | instance | exit (s) | killed |\n"
                    + "|---|---|---|---|\n");
            for (Object o : stops) {
                Map<?, ?> m = (Map<?, ?>) o;
                md.append("| ").append(m.get("service")).append(" | ").append(m.get("instance")).append(" | ")
                        .append(m.get("exitSeconds")).append(" | ").append(m.get("killed")).append(" |\n");
            }
        }
        md.append("\n| figure | value |\n|---|---|\n");
        for (String k : List.of("offered", "requestsAcknowledged", "refused", "connectionFailures", "submitErrors",
                "faultsInjected", "reachedTerminalState", "lost", "closedTwice", "terminalEventMissingOrWrong",
                "readModelEventsMissing", "readModelRowsNotOnTopics", "dispatchedTwice", "departmentsCalledTwice",
                "departmentsMissingOrExtra", "timelinesOutOfOrder", "evaluationAggregateRowsOffFromFacts", "passed")) {
            md.append("| ").append(k).append(" | ").append(report.get(k)).append(" |\n");
        }
        md.append("\n| check | what it means | violations | figures |\n|---|---|---|---|\n");
        for (Object o : (List<?>) report.get("checks")) {
            Map<?, ?> c = (Map<?, ?>) o;
            Map<Object, Object> figures = new LinkedHashMap<>((Map<?, ?>) c.get("figures"));
            figures.remove("faults");
            md.append("| ").append(c.get("check")).append(" | ").append(c.get("meaning")).append(" | ")
                    .append(c.get("violations")).append(" | ").append(figures.toString().replace("|", "/"))
                    .append(" |\n");
        }
        List<?> violations = (List<?>) report.get("violations");
        if (!violations.isEmpty()) {
            md.append("\nViolations (first 50):\n\n");
            violations.forEach(v -> md.append("- ").append(v).append('\n'));
        }
        return md.toString();
    }

    private static Object orNever(Object seconds) {
        return seconds == null ? "never" : seconds;
    }
}
