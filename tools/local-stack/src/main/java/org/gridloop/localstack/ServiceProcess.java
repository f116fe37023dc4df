package org.gridloop.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One GridLoop service, run from its packaged Quarkus application in its own JVM. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int instance;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int instance, int port, Process process, Path log) {
        this.name = name;
        this.instance = instance;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts instance {@code instance} (1, 2 …) of a service; the first logs to {@code name.log}, others to name-N.log. */
    static ServiceProcess start(Path root, String name, int instance, int port, Map<String, String> env, Path logDir)
            throws IOException {
        Path jar = root.resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests install)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(instance == 1 ? name + ".log" : name + "-" + instance + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // sized for the 400 MB-per-service budget on a small machine: heap, metaspace, code cache and stacks
        command.add("-Xms64m");
        command.add("-Xmx" + System.getProperty("gridloop.service.heap", "160m"));
        command.add("-XX:MaxMetaspaceSize=160m");
        // C1 only: three services, Kafka, PostgreSQL and the load share two cores, and the benchmark measured C2's
        // compiler threads as the largest CPU consumer of every service minutes into the load (tools/simulator)
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:ReservedCodeCacheSize=128m");
        command.add("-XX:MaxDirectMemorySize=64m");
        command.add("-Xss512k");
        command.add("-XX:+UseSerialGC");
        // NIO keeps a temporary direct buffer per thread as large as the largest heap buffer it read into (a Kafka
        // fetch can be megabytes, and each service has a dozen consumer threads): cap what it keeps
        command.add("-Djdk.nio.maxCachedBufferSize=262144");
        // extra JVM options for every service (e.g. a profiler), space-separated
        for (String option : System.getProperty("gridloop.service.jvm-options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // appended: a restarted service keeps its earlier run (and how it stopped) in the same log
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // glibc gives each thread that mallocs its own arena (up to 8 per core); with a dozen consumer threads per
        // service their free lists alone hold tens of MB of RSS
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // a demo with demo keys and users: reachable from this machine only, unless GRIDLOOP_BIND says otherwise
        // (e.g. 0.0.0.0 to show it on a LAN); PostgreSQL and Kafka listen on 127.0.0.1 as well
        builder.environment().putIfAbsent("QUARKUS_HTTP_HOST",
                System.getenv().getOrDefault("GRIDLOOP_BIND", "127.0.0.1"));
        return new ServiceProcess(name, instance, port, builder.start(), log);
    }

    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ", see " + log);
    }

    public String name() {
        return name;
    }

    public int instance() {
        return instance;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGTERM, without waiting: {@link #close} waits. */
    void stop() {
        process.destroy();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
