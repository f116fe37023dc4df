package org.gridloop.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.gridloop.localstack.LocalStack;
import org.gridloop.localstack.ServiceProcess;
import org.gridloop.simulator.Figures.Mark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Benchmark mode: starts the local stack itself (fresh PostgreSQL, Kafka and the three packaged services on free
 * ports, trusting the simulator's own JWT issuer), ramps the offered load step by step, measures from outside
 * (client latency, closed loops from the events, commits from pg_stat_database, messages from the topics' end
 * offsets, RSS from /proc), runs pgbench on the same PostgreSQL, optionally the scale run, and writes
 * results/latest.json, latest.md and latest.html.
 */
final class Bench {

    private final Path root;
    private final Scenario scenario;
    private final Path results;
    private final boolean ramp;
    private final boolean pgbench;
    private final long scale;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final Map<String, Long> maxRssKb = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> rssSeries = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private final Scale.Shape shape;

    Bench(Path root, Scenario scenario, Path results, boolean ramp, boolean pgbench, long scale, Scale.Shape shape) {
        this.shape = shape;
        this.root = root;
        this.scenario = scenario;
        this.results = results;
        this.ramp = ramp;
        this.pgbench = pgbench;
        this.scale = scale;
    }

    void run() throws Exception {
        Files.createDirectories(results);
        Path home = home();
        System.out.println("bench: starting PostgreSQL, Kafka and the three services (state in " + home + ") ...");
        long t0 = System.nanoTime();
        try (LocalStack stack = LocalStack.start(LocalStack.Options.at(root, home)
                .withServiceEnv(scenario.serviceEnv))) {
            System.out.printf("bench: stack up in %.0f s%n", (System.nanoTime() - t0) / 1e9);
            report.put("date", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS)));
            report.put("machine", machine());
            report.put("scenario", scenario);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> sampleRss(stack), 0, Metrics.WINDOW_SECONDS, TimeUnit.SECONDS);
            try (Connection db = stack.postgres().connect()) {
                // pgbench first, on a fresh database with nothing else running: the ratio is to what this
                // PostgreSQL can commit, not to what it had left while the ramp's backlog drained
                if (pgbench) {
                    report.put("pgbench", pgbench(stack, db));
                }
                if (ramp) {
                    ramp(stack, db);
                }
                if (scale > 0) {
                    report.put("scale", scaleRun(stack, db));
                }
            } finally {
                sampler.shutdownNow();
            }
            Map<String, Object> rss = new LinkedHashMap<>();
            maxRssKb.forEach((k, v) -> rss.put(k, Math.round(v / 1024.0)));
            report.put("maxRssMb", rss);
            report.put("rssSeries", rssSeries);
            report.put("notes", notes);
        }
        write();
    }

    /** Where the stack the bench starts keeps its state (PostgreSQL's data directory, the broker's home, logs). */
    private Path home() {
        return root.resolve("tools/simulator/target/bench-home");
    }

    // --- the ramp ----------------------------------------------------------------------------------------------

    private void ramp(LocalStack stack, Connection db) throws Exception {
        City city = City.minting(scenario, stack.jwt());
        CityPeople.Urls urls = new CityPeople.Urls(stack.url("grid-intake"), stack.url("report-in"),
                stack.url("escalation"));
        Metrics metrics = new Metrics();
        ExecutorService http = Executors.newFixedThreadPool(16);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(8);
        Api api = new Api(http, scheduler, metrics);
        Properties ap = new Properties();
        ap.putAll(stack.kafkaClientConfig());
        CpuClock cpu = cpuClock(stack, db);
        report.put("cpuClockTicksPerSecond", cpu.ticksPerSecond());
        try (AdminClient admin = AdminClient.create(ap);
             CityPeople people = new CityPeople(scenario, city, api, urls, stack.kafkaClientConfig(), metrics,
                     scheduler)) {
            people.start();
            // warm-up: a few cases through the whole loop, so the topics exist and the JIT has seen every path
            System.out.println("bench: warm-up ...");
            int n = Driver.run(people, metrics, 5, 10, 0, t -> { });
            // the idle rate is the background (relays, job executors) only once the warm-up's cases are all closed
            waitForDrain(people, 90);
            if (people.openCases() > 0) {
                notes.add("warm-up: " + people.openCases() + " cases still open when the idle rate was measured");
            }
            long commits0 = commits(db);
            Thread.sleep(scenario.bench.idleSeconds * 1000L);
            double idleCommitsPerSecond = (commits(db) - commits0) / (double) scenario.bench.idleSeconds;
            report.put("idleCommitsPerSecond", round(idleCommitsPerSecond));

            Mark rampStart = mark(metrics, db, admin, cpu);
            Map<String, long[]> firstAttempts0 = metrics.firstAttemptCounts();
            List<Map<String, Object>> steps = new ArrayList<>();
            int missed = 0;
            for (double rate : scenario.bench.steps) {
                if (scenario.bench.stopAfterMissedSteps > 0 && missed >= scenario.bench.stopAfterMissedSteps) {
                    // the system is past its capacity: higher steps would only grow the backlog (and the run)
                    Map<String, Object> skipped = new LinkedHashMap<>();
                    skipped.put("offeredPerSecond", rate);
                    skipped.put("skipped", true);
                    steps.add(skipped);
                    continue;
                }
                Mark start = mark(metrics, db, admin, cpu);
                System.out.printf("bench: step %.0f submissions/s for %d s%n", rate, scenario.bench.stepSeconds);
                n = Driver.run(people, metrics, rate, scenario.bench.stepSeconds, n, t -> progress(metrics, t));
                Map<String, Object> step = figures(rate, start, mark(metrics, db, admin, cpu), metrics, cpu);
                boolean keptUp = Figures.keptUp(rate, step);
                step.put("keptUp", keptUp);
                missed = keptUp ? 0 : missed + 1;
                steps.add(step);
                System.out.println("  " + step);
            }
            System.out.printf("bench: draining (up to %d s) ...%n", scenario.bench.drainSeconds);
            waitForDrain(people, scenario.bench.drainSeconds);
            Mark rampEnd = mark(metrics, db, admin, cpu);
            report.put("steps", steps);
            Map<String, Object> best = Figures.sustained(steps);
            Map<String, Object> summary = summary(metrics, people, best, rampStart, rampEnd, idleCommitsPerSecond,
                    cpu);
            summary.put("firstAttemptsByAction", byAction(firstAttempts0, metrics.firstAttemptCounts()));
            summary.put("stepsSkipped", steps.stream().filter(s -> s.containsKey("skipped")).count());
            report.put("summary", summary);

            report.put("overload", overload(people, metrics, db, admin, cpu,
                    best == null ? 0 : ((Number) best.get("closedPerSecond")).doubleValue(), n));

            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("submitted", metrics.submitted.get());
            totals.put("submitErrors", metrics.submitErrors.get());
            totals.put("refused", metrics.refused.get());
            totals.put("merged", metrics.merged.get());
            totals.put("closed", metrics.closed.get());
            totals.put("rejected", metrics.rejected.get());
            totals.put("reopened", metrics.reopened.get());
            totals.put("whistles", metrics.whistles.get());
            totals.put("returnVisits", metrics.returnVisits.get());
            totals.put("raised", metrics.raised.get());
            totals.put("callerDecisions", metrics.callerDecisions.get());
            totals.put("returnVisitsNotReached", metrics.notReached.get());
            totals.put("escalations", metrics.escalations.get());
            totals.put("abandoned", metrics.abandonedCount.get());
            totals.put("outcomes", metrics.outcomes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                    e -> e.getValue().get())));
            report.put("totals", totals);
            report.put("actions", counts(metrics.actions));
            report.put("firstAttemptStatuses", counts(metrics.firstAttempts));
            report.put("abandoned", abandoned(metrics, people));
            List<Map<String, Object>> stages = new ArrayList<>();
            metrics.stages.entrySet().stream()
                    .sorted((a, b) -> Integer.compare(b.getValue().count(), a.getValue().count())).limit(20)
                    .forEach(e -> {
                        Map<String, Object> s = new LinkedHashMap<>();
                        s.put("stage", e.getKey());
                        s.put("count", e.getValue().count());
                        s.put("p50Ms", round(e.getValue().percentile(50)));
                        s.put("p99Ms", round(e.getValue().percentile(99)));
                        stages.add(s);
                    });
            report.put("stages", stages);
            report.put("serviceMetrics", serviceMetrics(stack));
            List<Map<String, Object>> series = new ArrayList<>();
            metrics.sortedWindows().forEach((i, w) -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("t", i * Metrics.WINDOW_SECONDS);
                s.put("offered", w.offeredRate);
                s.put("submittedPerSecond", round(w.submitted.get() / (double) Metrics.WINDOW_SECONDS));
                s.put("refusedPerSecond", round(w.refused.get() / (double) Metrics.WINDOW_SECONDS));
                s.put("closedPerSecond", round(w.closed.get() / (double) Metrics.WINDOW_SECONDS));
                s.put("submitP50Ms", round(w.submitLatency.percentile(50)));
                s.put("submitP99Ms", round(w.submitLatency.percentile(99)));
                series.add(s);
            });
            report.put("series", series);
        } finally {
            scheduler.shutdownNow();
            http.shutdownNow();
        }
    }

    private static void progress(Metrics metrics, double t) {
        System.out.printf("  %4.0f s  submitted %d  refused %d  closed %d  open %d%n", t, metrics.submitted.get(),
                metrics.refused.get(), metrics.closed.get(), metrics.open());
    }

    // --- measuring a step -------------------------------------------------------------------------------------

    private static Mark mark(Metrics m, Connection db, AdminClient admin, CpuClock cpu) throws Exception {
        return new Mark(m.elapsedSeconds(), m.closed.get(), m.submitted.get(), m.submitErrors.get(), m.refused.get(),
                m.open(), commits(db), offsets(admin), m.submitLatency.count(), m.firstAttemptCount.get(),
                m.firstAttempt409Count.get(), m.abandonedCount.get(), cpu.sample(), rowWrites(db));
    }

    /** A step's figures (Figures.step) from the counters at its two marks. */
    private static Map<String, Object> figures(double rate, Mark a, Mark b, Metrics metrics, CpuClock cpu) {
        return Figures.step(rate, a, b, metrics.submitLatency.since(a.latencies()), cpu.coreMs(a.cpu(), b.cpu()));
    }

    private Map<String, Object> summary(Metrics metrics, CityPeople people, Map<String, Object> best, Mark start,
                                        Mark end, double idleCommitsPerSecond, CpuClock cpu) {
        double rampSeconds = end.at() - start.at();
        long closed = end.closed() - start.closed();
        long commits = end.commits() - start.commits();
        long messages = end.offsets() - start.offsets();
        long accepted = end.submitted() - start.submitted();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sustainedClosedLoopsPerSecond", best == null ? 0 : best.get("closedPerSecond"));
        summary.put("sustainedAtOfferedPerSecond", best == null ? null : best.get("offeredPerSecond"));
        summary.put("submitP50MsAtSustained", best == null ? null : best.get("submitP50Ms"));
        summary.put("submitP99MsAtSustained", best == null ? null : best.get("submitP99Ms"));
        summary.put("dbCommitsPerClosedLoopAtSustained", best == null ? null : best.get("dbCommitsPerClosed"));
        summary.put("kafkaMessagesPerClosedLoopAtSustained", best == null ? null : best.get("kafkaMessagesPerClosed"));
        summary.put("cpuCoreMsPerClosedLoopAtSustained", best == null ? null : best.get("cpuCoreMsPerClosed"));
        summary.put("rowWritesPerClosedLoopAtSustained", best == null ? null : best.get("rowWritesPerClosed"));
        summary.put("firstAttempts409PercentAtSustained", best == null ? null : best.get("firstAttempts409Percent"));
        summary.put("submitP50MsAll", round(metrics.submitLatency.since(0).percentile(50)));
        summary.put("submitP99MsAll", round(metrics.submitLatency.since(0).percentile(99)));
        summary.put("loopP50Ms", round(metrics.loopLatency.percentile(50)));
        summary.put("loopP99Ms", round(metrics.loopLatency.percentile(99)));
        summary.put("closedInRamp", closed);
        summary.put("submittedInRamp", accepted);
        summary.put("refusedInRamp", end.refused() - start.refused());
        summary.put("submitErrorsInRamp", end.submitErrors() - start.submitErrors());
        summary.put("dbCommitsPerClosedLoop", Figures.perClosed(commits, closed));
        summary.put("dbCommitsPerClosedLoopNetOfIdle",
                Figures.netOfIdle(commits, idleCommitsPerSecond, rampSeconds, closed));
        summary.put("dbCommitsPerSubmission", Figures.netOfIdle(commits, idleCommitsPerSecond, rampSeconds, accepted));
        summary.put("kafkaMessagesPerClosedLoop", Figures.perClosed(messages, closed));
        summary.put("cpuCoreMsPerClosedLoop", Figures.perClosed(cpu.coreMs(start.cpu(), end.cpu()), closed));
        long first = end.firstAttempts() - start.firstAttempts();
        long conflicts = end.firstAttempts409() - start.firstAttempts409();
        summary.put("firstAttemptsInRamp", first);
        summary.put("firstAttempts409InRamp", conflicts);
        summary.put("firstAttempts409Percent", Figures.percent(conflicts, first));
        summary.put("abandonedInRamp", end.abandoned() - start.abandoned());
        summary.put("stillOpenAfterDrain", people.openCases());
        summary.put("openAfterDrainEvents", people.openCaseEvents(20));
        return summary;
    }

    // --- the overload step ------------------------------------------------------------------------------------

    /**
     * After the ramp: {@code overloadFactor} × the sustained closings/s offered for {@code overloadSeconds}. Does
     * the system keep closing at its sustained rate while it is offered more than it can take (shedding the rest),
     * and how long does it take to close that step's backlog once the load stops?
     */
    private Map<String, Object> overload(CityPeople people, Metrics metrics, Connection db, AdminClient admin,
                                         CpuClock cpu, double sustained, int first) throws Exception {
        Scenario.Bench b = scenario.bench;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sustainedClosedPerSecond", sustained);
        out.put("factor", b.overloadFactor);
        out.put("seconds", b.overloadSeconds);
        if (sustained <= 0 || b.overloadSeconds <= 0 || b.overloadFactor <= 0) {
            out.put("skipped", sustained <= 0 ? "no step kept up" : "overloadSeconds or overloadFactor is 0");
            return out;
        }
        double rate = Figures.overloadRate(b.overloadFactor, sustained);
        // the ramp's leftovers compete for the same capacity: shown, not hidden
        out.put("openAtStart", people.openCases());
        Map<String, long[]> firstAttempts0 = metrics.firstAttemptCounts();
        Mark start = mark(metrics, db, admin, cpu);
        System.out.printf("bench: overload, %.2f submissions/s (%.1f × the sustained %.2f closed/s) for %d s%n", rate,
                b.overloadFactor, sustained, b.overloadSeconds);
        Driver.run(people, metrics, rate, b.overloadSeconds, first, t -> progress(metrics, t));
        Map<String, Object> step = figures(rate, start, mark(metrics, db, admin, cpu), metrics, cpu);
        int backlog = people.openCasesFrom(first);
        out.put("offeredPerSecond", rate);
        out.put("acceptedPerSecond", step.get("submittedPerSecond"));
        out.put("refusedPerSecond", step.get("refusedPerSecond"));
        out.put("refused", step.get("refused"));
        out.put("submitErrors", step.get("submitErrors"));
        out.put("closedPerSecond", step.get("closedPerSecond"));
        out.put("closedRatioToSustained",
                Figures.closedRatio(((Number) step.get("closedPerSecond")).doubleValue(), sustained));
        out.put("submitP50Ms", step.get("submitP50Ms"));
        out.put("submitP99Ms", step.get("submitP99Ms"));
        out.put("firstAttempts409Percent", step.get("firstAttempts409Percent"));
        out.put("cpuCoreMsPerClosed", step.get("cpuCoreMsPerClosed"));
        out.put("cpuCores", step.get("cpuCores"));
        out.put("backlogAtStop", backlog);
        out.put("openAtStop", people.openCases());
        System.out.printf("bench: overload over, backlog %d; draining (up to %d s) ...%n", backlog, b.drainSeconds);
        Figures.Drained drained = Figures.drain(() -> people.openCasesFrom(first), b.drainSeconds, 250,
                System::nanoTime, Thread::sleep);
        out.put("drainedAfterSeconds", drained.seconds());
        out.put("drainLimitSeconds", b.drainSeconds);
        out.put("backlogLeft", drained.left());
        out.put("abandoned", metrics.abandonedCount.get() - start.abandoned());
        out.put("firstAttemptsByAction", byAction(firstAttempts0, metrics.firstAttemptCounts()));
        out.put("step", step);
        return out;
    }

    // --- CPU from /proc ---------------------------------------------------------------------------------------

    /** What the CPU figures watch: each service, PostgreSQL (the postmaster's tree) and the broker's JVM. */
    private CpuClock cpuClock(LocalStack stack, Connection db) {
        CpuClock cpu = new CpuClock(CpuClock.clockTicks());
        for (ServiceProcess s : stack.services()) {
            cpu.service(s.name(), s.handle());
        }
        postmaster(db, home().resolve("postgres")).ifPresentOrElse(p -> cpu.tree("postgres", p),
                () -> notes.add("CPU: PostgreSQL's postmaster not found, no PostgreSQL figure"));
        String props = home().resolve("kafka").resolve("server.properties").toString();
        CpuClock.findByCommandLine(args -> args.contains("kafka.Kafka") && args.contains(props))
                .ifPresentOrElse(p -> cpu.tree("kafka", p),
                        () -> notes.add("CPU: the Kafka broker's process not found, no Kafka figure"));
        return cpu;
    }

    /** The postmaster: from postmaster.pid in its data directory, else the parent of this connection's backend. */
    private static java.util.Optional<ProcessHandle> postmaster(Connection db, Path dataDir) {
        try {
            Path pid = dataDir.resolve("postmaster.pid");
            if (Files.exists(pid)) {
                var p = ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).strip()));
                if (p.isPresent()) {
                    return p;
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // try the backend
        }
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent);
        } catch (java.sql.SQLException e) {
            return java.util.Optional.empty();
        }
    }

    // --- first attempts, abandoned cases ----------------------------------------------------------------------

    /** Per action, between two {@link Metrics#firstAttemptCounts()}: first attempts, answered 409, share. */
    private static Map<String, Object> byAction(Map<String, long[]> from, Map<String, long[]> to) {
        Map<String, Object> out = new LinkedHashMap<>();
        to.forEach((name, counts) -> {
            long[] before = from.getOrDefault(name, new long[2]);
            long all = counts[0] - before[0];
            long conflicts = counts[1] - before[1];
            if (all > 0) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("firstAttempts", all);
                a.put("answered409", conflicts);
                a.put("percent409", Figures.percent(conflicts, all));
                out.put(name, a);
            }
        });
        return out;
    }

    private static Map<String, Object> counts(Map<String, Map<String, java.util.concurrent.atomic.AtomicLong>> m) {
        Map<String, Object> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))));
        return out;
    }

    /** Every case the driver gave up on is counted; the first ones are listed, with whether they are still open. */
    private static Map<String, Object> abandoned(Metrics metrics, CityPeople people) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", metrics.abandonedCount.get());
        out.put("stillOpenAtEnd", metrics.abandoned.keySet().stream().filter(people::isOpen).count());
        out.put("byActionAndOutcome", metrics.abandonedByAction());
        List<Map<String, Object>> examples = new ArrayList<>();
        for (Metrics.Abandoned a : metrics.abandonedExamples()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("caseId", a.caseId());
            e.put("action", a.action());
            e.put("outcome", a.outcome());
            if (a.error() != null) {
                e.put("error", a.error());
            }
            e.put("openAtEnd", people.isOpen(a.caseId()));
            examples.add(e);
        }
        out.put("examples", examples);
        return out;
    }

    private static void waitForDrain(CityPeople people, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (people.openCases() > 0 && System.nanoTime() < end) {
            Thread.sleep(250);
        }
    }

    private static long commits(Connection db) throws Exception {
        return statistics(db, "SELECT sum(xact_commit) FROM pg_stat_database WHERE datname = '"
                + org.gridloop.infra.Postgres.DATABASE + "'", rs -> {
                    rs.next();
                    return rs.getLong(1);
                });
    }

    /**
     * Rows inserted, updated and deleted so far, by part: each engine schema's runtime tables and its history
     * ({@code act_hi_*}), the outboxes, inboxes and parked events together, and each service's own tables.
     * Ordered by part.
     */
    private static Map<String, Long> rowWrites(Connection db) throws Exception {
        return statistics(db, "SELECT CASE WHEN relname IN ('outbox', 'inbox', 'parked_event') "
                + "THEN 'outboxes and inboxes' "
                + "WHEN schemaname LIKE '%\\_engine' AND relname LIKE 'act\\_hi\\_%' THEN schemaname || ' history' "
                + "WHEN schemaname LIKE '%\\_engine' THEN schemaname || ' runtime' "
                + "ELSE schemaname END, sum(n_tup_ins + n_tup_upd + n_tup_del) "
                + "FROM pg_stat_user_tables GROUP BY 1", rs -> {
                    Map<String, Long> out = new java.util.TreeMap<>();
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                    return out;
                });
    }

    /** Reads a result set. */
    private interface Rows<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }

    /**
     * A query over PostgreSQL's statistics views; the views are a snapshot cached per transaction, so it is cleared
     * after each read and the next read is fresh.
     */
    private static <T> T statistics(Connection db, String query, Rows<T> rows) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(query)) {
            return rows.read(rs);
        } finally {
            try (Statement st = db.createStatement()) {
                st.execute("SELECT pg_stat_clear_snapshot()");
            }
        }
    }

    private static long offsets(AdminClient admin) throws Exception {
        List<String> topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith("gridloop."))
                .toList();
        if (topics.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                .forEach(p -> spec.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(spec).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /**
     * The services' own {@code /q/metrics} at the end of the run, beside the simulator's figures: the whole loop's
     * p50/p90 over every closing of the run from grid-intake's histogram, admission refusals, dead letters, the
     * oldest outbox event and the engines' open incidents. Also a note in the results.
     */
    private Map<String, Object> serviceMetrics(LocalStack stack) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            Map<String, String> scraped = new LinkedHashMap<>();
            for (String service : List.of("grid-intake", "report-in", "escalation")) {
                scraped.put(service, ServiceMetrics.scrape(stack.url(service)));
            }
            java.util.NavigableMap<Double, Double> loop = ServiceMetrics.loopBuckets(scraped.get("grid-intake"));
            out.put("loopP50Seconds", round(Figures.histogramQuantile(0.5, loop)));
            out.put("loopP90Seconds", round(Figures.histogramQuantile(0.9, loop)));
            out.put("closedCounted", loop.isEmpty() ? 0 : loop.lastEntry().getValue());
            double refused = 0;
            double deadLetters = 0;
            double incidents = 0;
            double oldest = 0;
            for (String metrics : scraped.values()) {
                refused += orZero(ServiceMetrics.sum(metrics, "gridloop_admission_requests_total",
                        "outcome=\"refused\""));
                deadLetters += orZero(ServiceMetrics.sum(metrics, "gridloop_dead_letters_total", ""));
                incidents += orZero(ServiceMetrics.sum(metrics, "gridloop_engine_incidents", ""));
                oldest = Math.max(oldest, orZero(ServiceMetrics.sum(metrics, "gridloop_outbox_oldest_seconds", "")));
                // the WAL relay's: read from the slot, not yet acknowledged by Kafka
                oldest = Math.max(oldest, orZero(ServiceMetrics.sum(metrics, "gridloop_outbox_wal_unconfirmed_seconds",
                        "")));
            }
            out.put("admissionRefused", refused);
            out.put("deadLetters", deadLetters);
            out.put("engineIncidents", incidents);
            out.put("outboxOldestSecondsAtEnd", round(oldest));
            notes.add(String.format("the services' /q/metrics at the end: whole loop p50 %s s, p90 %s s over %.0f "
                            + "closings (gridloop_case_duration_seconds); %.0f submissions refused by admission; %.0f "
                            + "dead letters; %.0f open engine incidents; oldest outbox event %s s",
                    out.get("loopP50Seconds"), out.get("loopP90Seconds"), (Double) out.get("closedCounted"), refused,
                    deadLetters, incidents, out.get("outboxOldestSecondsAtEnd")));
        } catch (Exception e) {
            notes.add("the services' /q/metrics not read: " + e);
        }
        return out;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private void sampleRss(LocalStack stack) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("at", Instant.now().toString());
        for (ServiceProcess s : stack.services()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + s.handle().pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        long kb = Long.parseLong(line.replaceAll("\\D", ""));
                        maxRssKb.merge(s.name(), kb, Math::max);
                        sample.put(s.name(), Math.round(kb / 1024.0));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // not running
            }
        }
        synchronized (rssSeries) {
            rssSeries.add(sample);
        }
    }

    // --- pgbench ----------------------------------------------------------------------------------------------

    private Map<String, Object> pgbench(LocalStack stack, Connection db) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        String exe = Files.isExecutable(Path.of("/usr/bin/pgbench")) ? "/usr/bin/pgbench" : "pgbench";
        try {
            new ProcessBuilder(exe, "--version").redirectErrorStream(true).start().waitFor();
        } catch (IOException absent) {
            out.put("skipped", "no pgbench binary on the PATH");
            notes.add("pgbench skipped: no pgbench binary");
            return out;
        }
        try (Statement st = db.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS pgbench");
            st.execute("CREATE DATABASE pgbench");
        }
        var pg = stack.postgres();
        List<String> conn = List.of("-h", pg.host(), "-p", Integer.toString(pg.port()), "-U", pg.user());
        System.out.printf("bench: pgbench -i -s %d, then -c %d -j %d -T %d ...%n", scenario.bench.pgbenchScale,
                scenario.bench.pgbenchClients, scenario.bench.pgbenchClients, scenario.bench.pgbenchSeconds);
        List<String> init = new ArrayList<>(List.of(exe, "-i", "-q", "-s", Integer.toString(scenario.bench.pgbenchScale)));
        init.addAll(conn);
        init.add("pgbench");
        String initOut = exec(init, pg.password());
        List<String> runCmd = new ArrayList<>(List.of(exe, "-n", "-c", Integer.toString(scenario.bench.pgbenchClients),
                "-j", Integer.toString(scenario.bench.pgbenchClients), "-T",
                Integer.toString(scenario.bench.pgbenchSeconds)));
        runCmd.addAll(conn);
        runCmd.add("pgbench");
        String runOut = exec(runCmd, pg.password());
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(runOut);
        out.put("version", exec(List.of(exe, "--version"), null).strip());
        out.put("command", String.join(" ", runCmd));
        out.put("tps", m.find() ? Double.parseDouble(m.group(1)) : null);
        out.put("output", runOut.strip());
        if (out.get("tps") == null) {
            out.put("initOutput", initOut);
        }
        return out;
    }

    private static String exec(List<String> command, String password) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        if (password != null) {
            b.environment().put("PGPASSWORD", password);
        }
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    // --- the scale run ----------------------------------------------------------------------------------------

    private Map<String, Object> scaleRun(LocalStack stack, Connection db) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        City city = City.minting(scenario, stack.jwt());
        Scale s = new Scale(db, scale, shape.timelinePerCase(), results, shape);
        StringBuilder log = new StringBuilder();
        System.out.printf("bench: scale run, bulk-generating %,d closed cases ...%n", scale);
        out.put("cases", scale);
        out.put("grids", shape.grids() <= 0 ? Scale.GRIDS.length : shape.grids());
        out.put("days", shape.days());
        out.put("path", "bulk: INSERT ... SELECT generate_series into escalation's read-model tables (not the write path)");
        out.put("loadSeconds", s.generate(log));
        out.put("generatorLog", log.toString());
        // a supervisor of the unit named: every unit under it is theirs to read
        out.put("timings", s.time(stack.url("escalation"), unit -> city.supervisor(unit).orElseThrow().token(),
                stack.jwt().token(org.gridloop.infra.DemoUser.ADMIN, java.time.Duration.ofHours(1))));
        s.explain(results.resolve("scale-explain.txt"));
        out.put("explain", "scale-explain.txt");
        return out;
    }

    // --- the results ------------------------------------------------------------------------------------------

    /** The machine in one line, for results files. */
    static String machineLine() {
        Map<String, Object> m = new Bench(null, null, null, false, false, 0, Scale.Shape.DEMO).machine();
        return m.get("cores") + " cores, " + m.get("memoryGb") + " GB, " + m.getOrDefault("cpu", "?") + ", Java "
                + m.get("java") + ", load " + m.get("loadAverage");
    }

    private Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        try {
            Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).strip()));
            Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .ifPresent(l -> m.put("memoryGb", Math.round(Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0)));
            m.put("loadAverage", Files.readString(Path.of("/proc/loadavg")).strip());
        } catch (IOException ignored) {
            // not Linux
        }
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return m;
    }

    static Double round(double v) {
        return Figures.round(v);
    }

    private void write() throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(results.resolve("latest.json"), json.writeValueAsString(report));
        String md = Report.markdown(report, scenario);
        Files.writeString(results.resolve("latest.md"), md);
        report.put("mdCache", md);
        Files.writeString(results.resolve("latest.html"), Report.html(report));
        report.remove("mdCache");
        System.out.println();
        System.out.println(Report.markdown(report, scenario));
        System.out.println("bench: wrote " + results.resolve("latest.json") + ", latest.md, latest.html");
    }
}
