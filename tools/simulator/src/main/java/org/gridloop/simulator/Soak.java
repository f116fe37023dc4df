package org.gridloop.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.gridloop.localstack.LocalStack;
import org.gridloop.localstack.ServiceProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The soak run: the local stack under a steady load (half the sustained rate by default) for an hour, sampled every
 * few minutes: the size of the tables that must not grow (outboxes, inboxes, parked events, the engines' runtime
 * tables), the services' RSS, the submit latency (the simulator's) and the whole loop's latency (read from
 * grid-intake's {@code gridloop_case_duration_seconds} histogram, the series operators see), the closing rate and
 * the open cases. The inbox retention is shortened to {@code inboxRetention} so that its pruning shows within the
 * hour. The verdict compares the last sample with the one after the warm-up. Writes results/soak.{json,md}.
 */
final class Soak {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> SCHEMAS = List.of("grid_intake", "report_in", "escalation");
    /** Tables that must stay flat under a steady load, by kind. */
    static final Map<String, String> BOUNDED = new LinkedHashMap<>();

    static {
        BOUNDED.put("outbox", "c.relname = 'outbox'");
        BOUNDED.put("inbox", "c.relname = 'inbox'");
        BOUNDED.put("parked events", "c.relname = 'parked_event'");
        BOUNDED.put("engine runtime", "n.nspname LIKE '%\\_engine' AND c.relname LIKE 'act\\_ru\\_%'");
    }

    private final Path root;
    private final Scenario scenario;
    private final Path results;

    Soak(Path root, Scenario scenario, Path results) {
        this.root = root;
        this.scenario = scenario;
        this.results = results;
    }

    /** Returns whether the bounded tables, RSS and latency stayed flat. */
    boolean run(double rate, int seconds, int sampleSeconds, Duration inboxRetention) throws Exception {
        Files.createDirectories(results);
        Path home = root.resolve("tools/simulator/target/soak-home");
        Map<String, String> env = new LinkedHashMap<>(scenario.serviceEnv);
        env.put("GRIDLOOP_INBOX_RETENTION", inboxRetention.toString());
        env.put("GRIDLOOP_INBOX_PRUNE_INTERVAL", "PT1M");
        System.out.println("soak: starting PostgreSQL, Kafka and the three services ...");
        List<Map<String, Object>> samples = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(LocalStack.Options.at(root, home).withServiceEnv(env));
             Connection db = stack.postgres().connect()) {
            City city = City.minting(scenario, stack.jwt());
            CityPeople.Urls urls = new CityPeople.Urls(stack.url("grid-intake"), stack.url("report-in"),
                    stack.url("escalation"));
            Metrics metrics = new Metrics();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(8);
            Api api = new Api(pool, scheduler, metrics);
            Instant started = Instant.now();
            try (CityPeople people = new CityPeople(scenario, city, api, urls, stack.kafkaClientConfig(), metrics,
                    scheduler)) {
                people.start();
                people.awaitSubscribed(Duration.ofSeconds(30));
                Thread load = new Thread(() -> {
                    try {
                        Driver.run(people, metrics, rate, seconds, 0, t -> { });
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "soak-load");
                load.start();
                Previous previous = new Previous(0, 0, new TreeMap<>());
                for (int t = 0; t <= seconds; t += sampleSeconds) {
                    long wait = started.plusSeconds(t).toEpochMilli() - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    Map<String, Object> sample = new LinkedHashMap<>();
                    sample.put("minute", Math.round(Duration.between(started, Instant.now()).toSeconds() / 6.0) / 10.0);
                    previous = sample(stack, db, metrics, people, previous, sample);
                    samples.add(sample);
                    System.out.println("soak: " + sample);
                }
                load.join();
            } finally {
                scheduler.shutdownNow();
                pool.shutdownNow();
            }
        }
        Map<String, Object> report = verdict(samples, rate, seconds, inboxRetention);
        report.put("samples", samples);
        Files.writeString(results.resolve("soak.json"), JSON.writeValueAsString(report));
        Files.writeString(results.resolve("soak.md"), markdown(report));
        System.out.println(markdown(report));
        return Boolean.TRUE.equals(report.get("flat"));
    }

    /** What the last sample left: the submit latencies seen, the closings counted, grid-intake's loop histogram. */
    private record Previous(int latencies, long closed, NavigableMap<Double, Double> loopBuckets) {
    }

    private Previous sample(LocalStack stack, Connection db, Metrics metrics, CityPeople people, Previous before,
                            Map<String, Object> sample) throws Exception {
        Map<String, Object> tables = new LinkedHashMap<>();
        for (Map.Entry<String, String> kind : BOUNDED.entrySet()) {
            tables.put(kind.getKey(), megabytes(db, kind.getValue()));
        }
        tables.put("engine history (kept for each process's time to live)",
                megabytes(db, "n.nspname LIKE '%\\_engine' AND c.relname LIKE 'act\\_hi\\_%'"));
        tables.put("cases, timelines, facts (the record, kept)",
                megabytes(db, "n.nspname IN ('grid_intake', 'report_in', 'escalation') AND c.relname NOT IN "
                        + "('outbox', 'inbox', 'parked_event', 'case_traces') AND c.relname NOT LIKE 'flyway%'"));
        sample.put("tableMb", tables);
        Map<String, Object> rows = new LinkedHashMap<>();
        for (String schema : SCHEMAS) {
            rows.put(schema + ".outbox", count(db, schema + ".outbox"));
            rows.put(schema + ".inbox", count(db, schema + ".inbox"));
        }
        sample.put("rows", rows);
        Map<String, Object> rss = new LinkedHashMap<>();
        for (ServiceProcess s : stack.services()) {
            for (String line : Files.readAllLines(Path.of("/proc/" + s.handle().pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss.put(s.name(), Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0));
                }
            }
        }
        sample.put("rssMb", rss);
        int latencies = metrics.submitLatency.count();
        Metrics.Latencies recent = metrics.submitLatency.since(before.latencies());
        sample.put("submitP50Ms", Figures.round(recent.percentile(50)));
        sample.put("submitP99Ms", Figures.round(recent.percentile(99)));
        long closed = metrics.closed.get();
        sample.put("closed", closed - before.closed());
        String scraped = ServiceMetrics.scrape(stack.url("grid-intake"));
        NavigableMap<Double, Double> buckets = ServiceMetrics.loopBuckets(scraped);
        NavigableMap<Double, Double> recentBuckets = new TreeMap<>();
        buckets.forEach((le, count) -> recentBuckets.put(le, count - before.loopBuckets().getOrDefault(le, 0.0)));
        sample.put("loopP50Seconds", Figures.round(Figures.histogramQuantile(0.5, recentBuckets)));
        sample.put("loopP90Seconds", Figures.round(Figures.histogramQuantile(0.9, recentBuckets)));
        sample.put("openCases", people.openCases());
        Map<String, Object> outboxAge = new LinkedHashMap<>();
        for (String service : List.of("grid-intake", "report-in", "escalation")) {
            Double oldest = ServiceMetrics.sum(service.equals("grid-intake") ? scraped
                    : ServiceMetrics.scrape(stack.url(service)), "gridloop_outbox_oldest_seconds", "");
            outboxAge.put(service, oldest == null ? null : Figures.round(oldest));
        }
        sample.put("outboxOldestSeconds", outboxAge);
        return new Previous(latencies, closed, buckets);
    }

    private static double megabytes(Connection db, String which) throws Exception {
        try (PreparedStatement q = db.prepareStatement("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND " + which);
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return Figures.round(rs.getLong(1) / 1048576.0);
        }
    }

    private static long count(Connection db, String table) throws Exception {
        try (PreparedStatement q = db.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Flat: from the first sample after the warm-up (when the inbox reached its retention and the JIT settled) to the
     * last, every bounded table at most 1.25× (+1 MB), each service's RSS at most 1.15× (+10 MB), the submit p99 at
     * most 2× (+20 ms) and the loop's p50 at most 1.5× (+5 s).
     */
    static Map<String, Object> verdict(List<Map<String, Object>> samples, double rate, int seconds,
                                       Duration inboxRetention) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", Instant.now().toString());
        report.put("machine", Bench.machineLine());
        report.put("ratePerSecond", rate);
        report.put("seconds", seconds);
        report.put("inboxRetention", inboxRetention.toString());
        Map<String, Object> from = baseline(samples, inboxRetention);
        Map<String, Object> to = samples.get(samples.size() - 1);
        report.put("baselineMinute", from.get("minute"));
        List<String> notFlat = new ArrayList<>();
        Map<?, ?> tablesFrom = (Map<?, ?>) from.get("tableMb");
        Map<?, ?> tablesTo = (Map<?, ?>) to.get("tableMb");
        for (String kind : BOUNDED.keySet()) {
            double a = ((Number) tablesFrom.get(kind)).doubleValue();
            double b = ((Number) tablesTo.get(kind)).doubleValue();
            if (!Figures.flat(a, b, 1.25, 1.0)) {
                notFlat.add(kind + " grew from " + a + " to " + b + " MB");
            }
        }
        Map<?, ?> rssFrom = (Map<?, ?>) from.get("rssMb");
        Map<?, ?> rssTo = (Map<?, ?>) to.get("rssMb");
        for (Object service : rssFrom.keySet()) {
            double a = ((Number) rssFrom.get(service)).doubleValue();
            double b = ((Number) rssTo.get(service)).doubleValue();
            if (!Figures.flat(a, b, 1.15, 10)) {
                notFlat.add(service + " RSS grew from " + a + " to " + b + " MB");
            }
        }
        check(notFlat, "submit p99 (ms)", from.get("submitP99Ms"), to.get("submitP99Ms"), 2.0, 20);
        check(notFlat, "loop p50 (s)", from.get("loopP50Seconds"), to.get("loopP50Seconds"), 1.5, 5);
        report.put("flat", notFlat.isEmpty());
        report.put("notFlat", notFlat);
        return report;
    }

    /** The first sample at or after the warm-up: the inbox retention plus five minutes, or the middle sample. */
    static Map<String, Object> baseline(List<Map<String, Object>> samples, Duration inboxRetention) {
        double after = inboxRetention.toSeconds() / 60.0 + 5;
        return samples.stream().filter(s -> ((Number) s.get("minute")).doubleValue() >= after).findFirst()
                .orElse(samples.get(samples.size() / 2));
    }

    private static void check(List<String> notFlat, String what, Object from, Object to, double factor,
                              double slack) {
        if (from instanceof Number a && to instanceof Number b
                && !Figures.flat(a.doubleValue(), b.doubleValue(), factor, slack)) {
            notFlat.add(what + " rose from " + a + " to " + b);
        }
    }

    private static String markdown(Map<String, Object> report) {
        StringBuilder md = new StringBuilder("# Soak run\n\n");
        md.append("Date: ").append(report.get("date")).append("  \nMachine: ").append(report.get("machine"))
                .append("  \nLoad: ").append(report.get("ratePerSecond")).append(" submissions/s for ")
                .append(report.get("seconds")).append(" s (the simulated city's people acting on every case); inbox "
                        + "retention shortened to ").append(report.get("inboxRetention"))
                .append(" so that its pruning shows within the run\n\n");
        md.append("Verdict: **").append(Boolean.TRUE.equals(report.get("flat")) ? "flat" : "NOT flat")
                .append("** from minute ").append(report.get("baselineMinute"))
                .append(" (after the warm-up) to the end");
        List<?> notFlat = (List<?>) report.get("notFlat");
        if (!notFlat.isEmpty()) {
            md.append(": ");
            md.append(String.join("; ", notFlat.stream().map(Object::toString).toList()));
        }
        md.append("\n\n| minute | outbox MB | inbox MB | parked MB | engine runtime MB | engine history MB | records MB "
                + "| inbox rows | RSS MB (intake / report-in / escalation) | submit p50 / p99 ms | loop p50 / p90 s "
                + "| closed | open |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Object o : (List<?>) report.get("samples")) {
            Map<?, ?> s = (Map<?, ?>) o;
            List<Object> t = new ArrayList<>(((Map<?, ?>) s.get("tableMb")).values());
            Map<?, ?> rows = (Map<?, ?>) s.get("rows");
            long inbox = rows.entrySet().stream().filter(e -> e.getKey().toString().endsWith(".inbox"))
                    .mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
            Map<?, ?> rss = (Map<?, ?>) s.get("rssMb");
            md.append("| ").append(s.get("minute")).append(" | ").append(t.get(0)).append(" | ").append(t.get(1))
                    .append(" | ").append(t.get(2)).append(" | ").append(t.get(3)).append(" | ").append(t.get(4))
                    .append(" | ").append(t.get(5)).append(" | ").append(inbox).append(" | ")
                    .append(rss.get("grid-intake")).append(" / ").append(rss.get("report-in")).append(" / ")
                    .append(rss.get("escalation")).append(" | ").append(s.get("submitP50Ms")).append(" / ")
                    .append(s.get("submitP99Ms")).append(" | ").append(s.get("loopP50Seconds")).append(" / ")
                    .append(s.get("loopP90Seconds")).append(" | ").append(s.get("closed")).append(" | ")
                    .append(s.get("openCases")).append(" |\n");
        }
        md.append("\nThe record (cases, timelines, evaluation facts) grows by design: it is what the city keeps. The "
                + "engines' history is kept for each process's time to live and removed by the engine's nightly "
                + "cleanup window (platform `gridloop.engine.history-cleanup.*`), so it grows within an hour too.\n");
        return md.toString();
    }
}
