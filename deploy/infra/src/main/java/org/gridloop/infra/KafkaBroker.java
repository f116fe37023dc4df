package org.gridloop.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), run in its own JVM from
 * the {@code kafka_2.13} jars that Maven fetched. The classpath is recorded at build time in
 * {@code kafka.classpath} next to this class.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path logFile;

    private KafkaBroker(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Formats a fresh log directory (unless it was formatted before) and starts the broker.
     *
     * @param port the client port, 0 for any free port
     * @param dataDir the broker's home (log dirs, properties, output); {@code null} for a throw-away directory
     */
    public static KafkaBroker start(int port, Path dataDir) {
        try {
            Path home = dataDir != null ? dataDir : Files.createTempDirectory("gridloop-kafka");
            Files.createDirectories(home);
            Path logDirs = home.resolve("data");
            Path props = home.resolve("server.properties");
            Path out = home.resolve("broker.log");
            if (Files.exists(props)) {
                // a restart: same ports, same log dirs, same cluster
                java.util.Properties previous = new java.util.Properties();
                try (var in = Files.newInputStream(props)) {
                    previous.load(in);
                }
                String listener = previous.getProperty("advertised.listeners");
                int previousPort = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
                int startsBefore = starts(out);
                KafkaBroker kafka = new KafkaBroker(java(home, out, "kafka.Kafka", props.toString()), previousPort, out);
                kafka.awaitReady(Duration.ofSeconds(90), startsBefore);
                return kafka;
            }
            int clientPort = port > 0 ? port : freePort();
            int controllerPort = freePort();
            Files.writeString(props, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + logDirs,
                    "num.partitions=3",
                    "auto.create.topics.enable=true",
                    // a single node: without these, the offsets and transaction topics never come up and
                    // consumers silently receive nothing
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "log.flush.interval.messages=9223372036854775807",
                    ""), StandardCharsets.UTF_8);
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                Process format = java(home, out, "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c",
                        props.toString(), "--ignore-formatted");
                if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                    throw new IllegalStateException("formatting the Kafka log dir failed, see " + out);
                }
            }
            Process broker = java(home, out, "kafka.Kafka", props.toString());
            KafkaBroker kafka = new KafkaBroker(broker, clientPort, out);
            kafka.awaitReady(Duration.ofSeconds(90), 0);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Process java(Path home, Path out, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .start();
    }

    private static String classpath() throws IOException {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka.classpath missing: build deploy/infra with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    /**
     * A random cluster id as Kafka writes them (16 bytes, URL-safe base64). Never one starting with '-': the storage
     * tool would read it as an option and refuse to format (one broker start in 64 failed that way).
     */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Kills the broker's JVM at once (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Ready means: the client port accepts connections and the log says the broker started. */
    private static int starts(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        int count = 0;
        for (int i = text.indexOf("Kafka Server started"); i >= 0; i = text.indexOf("Kafka Server started", i + 1)) {
            count++;
        }
        return count;
    }

    private void awaitReady(Duration timeout, int startsBefore) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + ", see " + logFile);
            }
            if (portOpen() && starts(logFile) > startsBefore) {
                return;
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("Kafka broker not ready within " + timeout + ", see " + logFile);
    }

    private boolean portOpen() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    /** The broker's JVM, for tests that kill or pause it. */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
