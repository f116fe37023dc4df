package org.gridloop.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.gridloop.localstack.LocalStack;
import org.gridloop.localstack.ServiceProcess;

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

    Bench(Path root, Scenario scenario, Path results, boolean ramp, boolean pgbench, long scale) {
        this.root = root;
        this.scenario = scenario;
        this.results = results;
        this.ramp = ramp;
        this.pgbench = pgbench;
        this.scale = scale;
    }

    void run() throws Exception {
        Files.createDirectories(results);
        Path home = root.resolve("deploy/simulator/target/bench-home");
        Map<String, Integer> ports = new LinkedHashMap<>();
        LocalStack.SERVICES.keySet().stream().filter(s -> !s.equals("web")).forEach(s -> ports.put(s, 0));
        System.out.println("bench: starting PostgreSQL, Kafka and the three services (state in " + home + ") ...");
        long t0 = System.nanoTime();
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(root, home, 0, 0, null, "postgres",
                "postgres", null, ports, scenario.serviceEnv))) {
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

    // --- the ramp ----------------------------------------------------------------------------------------------

    private void ramp(LocalStack stack, Connection db) throws Exception {
        City city = City.minting(scenario, stack.jwt());
        Loop.Urls urls = new Loop.Urls(stack.url("grid-intake"), stack.url("report-in"), stack.url("escalation"));
        Metrics metrics = new Metrics();
        ExecutorService http = Executors.newFixedThreadPool(16);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(8);
        Api api = new Api(http, scheduler, metrics);
        Properties ap = new Properties();
        ap.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (AdminClient admin = AdminClient.create(ap);
             Loop loop = new Loop(scenario, city, api, urls, stack.bootstrapServers(), metrics, scheduler)) {
            loop.start();
            // warm-up: a few cases through the whole loop, so the topics exist and the JIT has seen every path
            System.out.println("bench: warm-up ...");
            int n = Driver.run(loop, metrics, 5, 10, 0, t -> { });
            // the idle rate is the background (relays, job executors) only once the warm-up's cases are all closed
            waitForDrain(loop, 90);
            if (loop.openCases() > 0) {
                notes.add("warm-up: " + loop.openCases() + " cases still open when the idle rate was measured");
            }
            long commits0 = commits(db);
            long offsets0 = offsets(admin);
            Thread.sleep(scenario.bench.idleSeconds * 1000L);
            double idleCommitsPerSecond = (commits(db) - commits0) / (double) scenario.bench.idleSeconds;
            report.put("idleCommitsPerSecond", round(idleCommitsPerSecond));

            long closedBase = metrics.closed.get();
            long submittedBase = metrics.submitted.get();
            long commitsStart = commits(db);
            long offsetsStart = offsets(admin);
            double rampStart = metrics.elapsedSeconds();
            List<Map<String, Object>> steps = new ArrayList<>();
            for (double rate : scenario.bench.steps) {
                long c0 = metrics.closed.get();
                long s0 = metrics.submitted.get();
                long e0 = metrics.submitErrors.get();
                long open0 = metrics.open();
                long db0 = commits(db);
                long k0 = offsets(admin);
                int lat0 = metrics.submitLatency.count();
                double start = metrics.elapsedSeconds();
                System.out.printf("bench: step %.0f submissions/s for %d s%n", rate, scenario.bench.stepSeconds);
                n = Driver.run(loop, metrics, rate, scenario.bench.stepSeconds, n, t -> System.out.printf(
                        "  %4.0f s  submitted %d  closed %d  open %d%n", t, metrics.submitted.get(),
                        metrics.closed.get(), metrics.open()));
                double secs = metrics.elapsedSeconds() - start;
                long closed = metrics.closed.get() - c0;
                long submitted = metrics.submitted.get() - s0;
                long open1 = metrics.open();
                Metrics.Latencies lat = metrics.submitLatency.since(lat0);
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("offeredPerSecond", rate);
                step.put("submittedPerSecond", round(submitted / secs));
                step.put("submitErrors", metrics.submitErrors.get() - e0);
                step.put("closedPerSecond", round(closed / secs));
                step.put("submitP50Ms", round(lat.percentile(50)));
                step.put("submitP99Ms", round(lat.percentile(99)));
                step.put("backlogGrowth", open1 - open0);
                step.put("dbCommitsPerClosed", closed == 0 ? null : round((commits(db) - db0) / (double) closed));
                step.put("kafkaMessagesPerClosed", closed == 0 ? null : round((offsets(admin) - k0) / (double) closed));
                boolean keptUp = submitted > 0 && closed >= 0.8 * submitted && open1 - open0 <= Math.max(50, rate * 5);
                step.put("keptUp", keptUp);
                steps.add(step);
                System.out.println("  " + step);
            }
            System.out.printf("bench: draining (up to %d s) ...%n", scenario.bench.drainSeconds);
            waitForDrain(loop, scenario.bench.drainSeconds);
            double rampSeconds = metrics.elapsedSeconds() - rampStart;
            long closed = metrics.closed.get() - closedBase;
            long commits = commits(db) - commitsStart;
            long messages = offsets(admin) - offsetsStart;
            report.put("steps", steps);
            Map<String, Object> best = null;
            for (Map<String, Object> s : steps) {
                if (Boolean.TRUE.equals(s.get("keptUp"))) {
                    best = s;
                }
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("sustainedClosedLoopsPerSecond", best == null ? 0 : best.get("closedPerSecond"));
            summary.put("sustainedAtOfferedPerSecond", best == null ? null : best.get("offeredPerSecond"));
            summary.put("submitP50MsAtSustained", best == null ? null : best.get("submitP50Ms"));
            summary.put("submitP99MsAtSustained", best == null ? null : best.get("submitP99Ms"));
            summary.put("submitP50MsAll", round(metrics.submitLatency.since(0).percentile(50)));
            summary.put("submitP99MsAll", round(metrics.submitLatency.since(0).percentile(99)));
            summary.put("loopP50Ms", round(metrics.loopLatency.percentile(50)));
            summary.put("loopP99Ms", round(metrics.loopLatency.percentile(99)));
            summary.put("closedInRamp", closed);
            summary.put("submittedInRamp", metrics.submitted.get() - submittedBase);
            summary.put("dbCommitsPerClosedLoop", closed == 0 ? null : round(commits / (double) closed));
            summary.put("dbCommitsPerClosedLoopNetOfIdle", closed == 0 ? null
                    : round((commits - idleCommitsPerSecond * rampSeconds) / closed));
            long accepted = metrics.submitted.get() - submittedBase;
            summary.put("dbCommitsPerSubmission", accepted == 0 ? null
                    : round((commits - idleCommitsPerSecond * rampSeconds) / accepted));
            summary.put("kafkaMessagesPerClosedLoop", closed == 0 ? null : round(messages / (double) closed));
            summary.put("stillOpenAfterDrain", loop.openCases());
            report.put("summary", summary);
            report.put("totals", Map.of("submitted", metrics.submitted.get(), "submitErrors",
                    metrics.submitErrors.get(), "merged", metrics.merged.get(), "closed", metrics.closed.get(),
                    "rejected", metrics.rejected.get(), "reopened", metrics.reopened.get(), "whistles",
                    metrics.whistles.get(), "escalations", metrics.escalations.get(), "outcomes",
                    metrics.outcomes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            e -> e.getValue().get()))));
            Map<String, Object> actions = new LinkedHashMap<>();
            metrics.actions.forEach((k, v) -> actions.put(k, v.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()))));
            report.put("actions", actions);
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
            List<Map<String, Object>> series = new ArrayList<>();
            metrics.sortedWindows().forEach((i, w) -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("t", i * Metrics.WINDOW_SECONDS);
                s.put("offered", w.offeredRate);
                s.put("submittedPerSecond", round(w.submitted.get() / (double) Metrics.WINDOW_SECONDS));
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

    private static void waitForDrain(Loop loop, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (loop.openCases() > 0 && System.nanoTime() < end) {
            Thread.sleep(250);
        }
    }

    private static long commits(Connection db) throws Exception {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT sum(xact_commit) FROM pg_stat_database WHERE datname = '"
                     + org.gridloop.infra.Postgres.DATABASE + "'")) {
            rs.next();
            long v = rs.getLong(1);
            // pg_stat_database is cached per transaction; commit so the next read is fresh
            return v;
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
        Scale s = new Scale(db, scale, 8, results);
        StringBuilder log = new StringBuilder();
        System.out.printf("bench: scale run, bulk-generating %,d closed cases ...%n", scale);
        out.put("cases", scale);
        out.put("path", "bulk: INSERT ... SELECT generate_series into escalation's read-model tables (not the write path)");
        out.put("loadSeconds", s.generate(log));
        out.put("generatorLog", log.toString());
        out.put("timings", s.time(stack.url("escalation"), city.districtSupervisor().orElseThrow().token()));
        s.explain(results.resolve("scale-explain.txt"));
        out.put("explain", "scale-explain.txt");
        return out;
    }

    // --- the results ------------------------------------------------------------------------------------------

    /** The machine in one line, for results files. */
    static String machineLine() {
        Map<String, Object> m = new Bench(null, null, null, false, false, 0).machine();
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
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 100) / 100.0;
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
