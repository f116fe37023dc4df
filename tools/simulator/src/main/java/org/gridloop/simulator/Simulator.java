package org.gridloop.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The GridLoop city simulator.
 *
 * <pre>
 *   --demo                  fill a running local stack (./deploy/run-local.sh) with a few hundred cases
 *   --bench                 start the stack itself, ramp the load, write tools/simulator/results/latest.*
 *   --scale N               start the stack, bulk-load N closed cases, time the KPI, overdue and timeline queries
 *                           (--scale-grids G synthetic grids in district 110105, --scale-days D days of cases)
 *   --faults                start the stack, inject faults under load, check nothing was lost or done twice
 *                           (--rate R, --duration S of load, --pause S for the SIGSTOP, --replicas N instances
 *                           of each service, default 2, with a rolling restart; results/faults.{json,md}, or
 *                           faults-single-instance.{json,md} with --replicas 1)
 *   --soak                  start the stack, a steady load (--rate R, default 5/s: half the sustained rate) for
 *                           --duration S (3600), sampled every --sample-seconds S (300): bounded tables, RSS,
 *                           latency; --inbox-retention (PT10M) so pruning shows; results/soak.{json,md}
 *   --scenario FILE         a scenario JSON (default: the built-in demo.json or bench.json)
 *   --duration S --rate R   demo: how long and how many submissions per second
 *   --steps 10,25,50 --step-seconds S   bench: the ramp
 *   --drain-seconds S       bench: how long to wait for open cases after the ramp and after the overload step
 *   --overload-seconds S    bench: the overload step (4 × the sustained rate) after the ramp; 0 skips it
 *   --seed N                overrides the scenario's seed
 *   --results DIR           where results go (default tools/simulator/results)
 *   --no-pgbench            skip the pgbench reference measurement
 * </pre>
 * Environment: GRIDLOOP_HOME (demo: where tokens.env is, default .gridloop).
 */
public final class Simulator {

    private Simulator() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Map<String, String> opts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                usage("unexpected " + a);
            }
            String key = a.substring(2);
            boolean flag = List.of("demo", "bench", "faults", "soak", "no-pgbench", "help").contains(key);
            if (flag) {
                opts.put(key, "true");
            } else if (i + 1 < args.length) {
                opts.put(key, args[++i]);
            } else {
                usage(a + " needs a value");
            }
        }
        if (opts.containsKey("help") || !(opts.containsKey("demo") || opts.containsKey("bench")
                || opts.containsKey("scale") || opts.containsKey("faults") || opts.containsKey("soak"))) {
            usage(null);
        }
        Path root = root();
        String mode = opts.containsKey("demo") ? "demo" : "bench";
        Scenario scenario = opts.containsKey("scenario") ? Scenario.load(Path.of(opts.get("scenario")))
                : Scenario.builtIn(mode);
        if (opts.containsKey("seed")) {
            scenario.seed = Long.parseLong(opts.get("seed"));
        }
        if (opts.containsKey("rate")) {
            scenario.arrivalRate = Double.parseDouble(opts.get("rate"));
        }
        if (opts.containsKey("duration")) {
            scenario.durationSeconds = Integer.parseInt(opts.get("duration"));
        }
        if (opts.containsKey("steps")) {
            List<Double> steps = new ArrayList<>();
            for (String s : opts.get("steps").split(",")) {
                steps.add(Double.parseDouble(s.strip()));
            }
            scenario.bench.steps = steps;
        }
        if (opts.containsKey("step-seconds")) {
            scenario.bench.stepSeconds = Integer.parseInt(opts.get("step-seconds"));
        }
        if (opts.containsKey("drain-seconds")) {
            scenario.bench.drainSeconds = Integer.parseInt(opts.get("drain-seconds"));
        }
        if (opts.containsKey("overload-seconds")) {
            scenario.bench.overloadSeconds = Integer.parseInt(opts.get("overload-seconds"));
        }
        if (opts.containsKey("pgbench-seconds")) {
            scenario.bench.pgbenchSeconds = Integer.parseInt(opts.get("pgbench-seconds"));
        }
        Path results = Path.of(opts.getOrDefault("results", root.resolve("tools/simulator/results").toString()));
        if (opts.containsKey("faults")) {
            boolean passed = new Faults(root, scenario, results).run(
                    Double.parseDouble(opts.getOrDefault("rate", "2")),
                    Integer.parseInt(opts.getOrDefault("duration", "240")),
                    Integer.parseInt(opts.getOrDefault("pause", "50")),
                    Integer.parseInt(opts.getOrDefault("replicas", "2")));
            System.exit(passed ? 0 : 1);
        } else if (opts.containsKey("soak")) {
            boolean flat = new Soak(root, scenario, results).run(
                    Double.parseDouble(opts.getOrDefault("rate", "5")),
                    Integer.parseInt(opts.getOrDefault("duration", "3600")),
                    Integer.parseInt(opts.getOrDefault("sample-seconds", "300")),
                    java.time.Duration.parse(opts.getOrDefault("inbox-retention", "PT10M")));
            System.exit(flat ? 0 : 1);
        } else if (opts.containsKey("demo")) {
            demo(root, scenario);
        } else {
            long scale = opts.containsKey("scale") ? Long.parseLong(opts.get("scale").replace("_", "")) : 0;
            Scale.Shape shape = new Scale.Shape(Integer.parseInt(opts.getOrDefault("scale-grids", "0")),
                    Integer.parseInt(opts.getOrDefault("scale-days", "365")),
                    Integer.parseInt(opts.getOrDefault("scale-timeline", "8")));
            new Bench(root, scenario, results, opts.containsKey("bench"), !opts.containsKey("no-pgbench"), scale, shape)
                    .run();
        }
        System.exit(0);
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("""
                usage: java -jar tools/simulator/target/gridloop-simulator-0.1.0-SNAPSHOT.jar
                         --demo  [--scenario FILE] [--duration S] [--rate R] [--seed N]
                         --bench [--scenario FILE] [--steps 2,3,5,10,20,40] [--step-seconds S] [--no-pgbench]
                                 [--drain-seconds S] [--overload-seconds S] [--scale N] [--results DIR]
                         --scale N   (bulk-load N closed cases, time the read queries; with --bench after the ramp)
                         --scale-grids G  (with --scale: G synthetic grids in district 110105, 50 per street; default
                                           the demo city's own) --scale-days D (the days the cases spread over, 365)
                                           --scale-timeline K (timeline entries per case, 8)
                         --faults [--rate R] [--duration S] [--pause S] [--replicas N]   (fault injection, results/faults.*)
                         --soak [--rate R] [--duration S] [--sample-seconds S]   (the hour-long soak, results/soak.*)""");
        System.exit(problem == null ? 0 : 2);
    }

    /** The repository root: -Dgridloop.root, or the nearest directory upwards with services/ and deploy/. */
    static Path root() {
        String given = System.getProperty("gridloop.root");
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("services")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
            p = p.getParent();
        }
        return Path.of("").toAbsolutePath();
    }

    /** Demo: a running local stack, its demo users' tokens from tokens.env. */
    private static void demo(Path root, Scenario scenario) throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("GRIDLOOP_HOME", root.resolve(".gridloop").toString()));
        Path tokens = home.resolve("tokens.env");
        if (!Files.exists(tokens)) {
            System.err.println(tokens + " not found: start the stack first (./deploy/run-local.sh)");
            System.exit(1);
        }
        City city = City.fromTokensFile(scenario, tokens);
        CityPeople.Urls urls = new CityPeople.Urls(city.env("GRID_INTAKE").orElse("http://127.0.0.1:8081"),
                city.env("REPORT_IN").orElse("http://127.0.0.1:8082"),
                city.env("ESCALATION").orElse("http://127.0.0.1:8083"));
        String bootstrap = System.getenv().getOrDefault("GRIDLOOP_KAFKA", "127.0.0.1:"
                + System.getenv().getOrDefault("GRIDLOOP_KAFKA_PORT", "19092"));
        // the local stack's broker wants a login: its super user's client settings are next to tokens.env
        Map<String, String> kafka = new java.util.HashMap<>();
        Path admin = home.resolve("kafka-admin.properties");
        if (Files.exists(admin)) {
            java.util.Properties settings = new java.util.Properties();
            try (var in = Files.newBufferedReader(admin)) {
                settings.load(in);
            }
            settings.stringPropertyNames().forEach(k -> kafka.put(k, settings.getProperty(k)));
        }
        kafka.put("bootstrap.servers", bootstrap);
        Metrics metrics = new Metrics();
        ExecutorService http = Executors.newFixedThreadPool(8);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
        Api api = new Api(http, scheduler, metrics);
        try (CityPeople people = new CityPeople(scenario, city, api, urls, kafka, metrics, scheduler)) {
            people.start();
            people.awaitSubscribed(java.time.Duration.ofSeconds(10));
            System.out.printf("demo: %.1f submissions/s for %d s against %s (seed %d)%n", scenario.arrivalRate,
                    scenario.durationSeconds, urls.intake(), scenario.seed);
            Driver.run(people, metrics, scenario.arrivalRate, scenario.durationSeconds, 0,
                    (t) -> System.out.printf("  %4.0f s  submitted %d  closed %d  merged %d  whistles %d  "
                                    + "escalations %d  open %d%n", t, metrics.submitted.get(), metrics.closed.get(),
                            metrics.merged.get(), metrics.whistles.get(), metrics.escalations.get(),
                            people.openCases()));
            System.out.println("demo: submissions done; letting the loop run 20 s more ...");
            Thread.sleep(20_000);
            System.out.printf("demo: submitted %d, closed %d %s, merged %d, rejected %d, reopened %d, escalations %d,"
                            + " raised on purpose %d (by supervisors %d), decisions after partial answers %d, return visits"
                            + " %d (%d reached nobody), still open %d%n", metrics.submitted.get(),
                    metrics.closed.get(), metrics.outcomes, metrics.merged.get(), metrics.rejected.get(),
                    metrics.reopened.get(), metrics.escalations.get(), metrics.raised.get(),
                    metrics.supervisorRaised.get(),
                    metrics.callerDecisions.get(), metrics.returnVisits.get(), metrics.notReached.get(),
                    people.openCases());
            System.out.println("demo: actions " + metrics.actions);
        } finally {
            scheduler.shutdownNow();
            http.shutdownNow();
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        }
    }
}
