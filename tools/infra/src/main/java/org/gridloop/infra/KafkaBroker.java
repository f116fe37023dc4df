package org.gridloop.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.gridloop.contracts.Topics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), run in its own JVM from
 * the {@code kafka_2.13} jars that Maven fetched. The classpath is recorded at build time in
 * {@code kafka.classpath} next to this class.
 *
 * <p>Plain ({@link #start(int, Path)}: PLAINTEXT, no authentication, everything allowed; the services' own tests) or
 * secure ({@link #start(int, Path, Logins)}: clients log in with SCRAM-SHA-512 over SASL_PLAINTEXT, and
 * {@code StandardAuthorizer} allows only what {@link KafkaAcls} grants; the local stack and {@code KafkaAclsIT}).
 */
public final class KafkaBroker implements AutoCloseable {

    static final String SCRAM = "SCRAM-SHA-512";

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Logins logins;

    private KafkaBroker(Process process, int port, Path logFile, Logins logins) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.logins = logins;
    }

    /**
     * The SCRAM-SHA-512 logins of a secure broker: the super user {@link KafkaAcls#SUPER_USER} and one per service of
     * {@link KafkaAcls#SERVICES}, each with its own password.
     */
    public record Logins(Map<String, String> passwords) {

        public Logins {
            passwords = Map.copyOf(passwords);
        }

        /** Passwords made up at random (128 bits each): no default password exists anywhere. */
        public static Logins random() {
            SecureRandom random = new SecureRandom();
            Map<String, String> passwords = new LinkedHashMap<>();
            passwords.put(KafkaAcls.SUPER_USER, null);
            KafkaAcls.SERVICES.forEach(s -> passwords.put(s.name(), null));
            passwords.replaceAll((user, none) -> {
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                return HexFormat.of().formatHex(bytes);
            });
            return new Logins(passwords);
        }

        public String password(String user) {
            String password = passwords.get(user);
            if (password == null) {
                throw new IllegalArgumentException("no Kafka login " + user);
            }
            return password;
        }

        /** {@code sasl.jaas.config} for a client logging in as {@code user}. */
        public String jaasConfig(String user) {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                    + "\" password=\"" + password(user) + "\";";
        }
    }

    /** As {@link #start(int, Path, Logins)} with no logins: a PLAINTEXT broker that allows everything. */
    public static KafkaBroker start(int port, Path dataDir) {
        return start(port, dataDir, null);
    }

    /**
     * Formats a fresh log directory (unless it was formatted before) and starts the broker.
     *
     * @param port the client port, 0 for any free port
     * @param dataDir the broker's home (log dirs, properties, output); {@code null} for a throw-away directory
     * @param logins {@code null} for a PLAINTEXT broker without authentication or authorization; else a secure one:
     *               these SCRAM users are added when the log dir is formatted, and on a first start the topics of
     *               {@code Topics.ALL} and the rules of {@link KafkaAcls} are created as the super user. A restart
     *               takes the same logins.
     */
    public static KafkaBroker start(int port, Path dataDir, Logins logins) {
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
                KafkaBroker kafka = new KafkaBroker(java(home, out, "kafka.Kafka", props.toString()), previousPort, out,
                        logins);
                kafka.awaitReady(Duration.ofSeconds(90), startsBefore);
                return kafka;
            }
            int clientPort = port > 0 ? port : FreePorts.pick();
            int controllerPort = FreePorts.pick();
            List<String> properties = new ArrayList<>(List.of(
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "controller.listener.names=CONTROLLER",
                    "log.dirs=" + logDirs,
                    "num.partitions=3",
                    // a single node: without these, the offsets and transaction topics never come up and
                    // consumers silently receive nothing
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "log.flush.interval.messages=9223372036854775807"));
            if (logins == null) {
                properties.addAll(List.of(
                        "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort,
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "auto.create.topics.enable=true"));
            } else {
                properties.addAll(secureProperties(clientPort, controllerPort, logins));
            }
            properties.add("");
            Files.writeString(props, String.join("\n", properties), StandardCharsets.UTF_8);
            if (!Files.exists(logDirs.resolve("meta.properties"))) {
                List<String> format = new ArrayList<>(List.of("format", "-t", clusterId(), "-c", props.toString(),
                        "--ignore-formatted"));
                if (logins != null) {
                    // KRaft keeps SCRAM credentials in the metadata log: the first ones (the super user's above all,
                    // who creates the rest) are written into it when it is formatted
                    logins.passwords().forEach((user, password) -> {
                        format.add("--add-scram");
                        format.add(SCRAM + "=[name=" + user + ",password=" + password + "]");
                    });
                }
                Process formatting = java(home, out, "kafka.tools.StorageTool", format.toArray(String[]::new));
                if (!formatting.waitFor(120, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
                    throw new IllegalStateException("formatting the Kafka log dir failed, see " + out);
                }
            }
            Process broker = java(home, out, "kafka.Kafka", props.toString());
            KafkaBroker kafka = new KafkaBroker(broker, clientPort, out, logins);
            kafka.awaitReady(Duration.ofSeconds(90), 0);
            if (logins != null) {
                kafka.createTopicsAndAcls();
            }
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The secure listeners. Clients (the services, tools, the broker itself as inter-broker client) use CLIENT:
     * SASL_PLAINTEXT with SCRAM-SHA-512, never anonymous. The controller listener of this combined node stays
     * PLAINTEXT, so the broker's requests to its own controller (registration, heartbeats, forwarded admin requests)
     * arrive as {@code User:ANONYMOUS}, which must therefore be a super user (they need CLUSTER_ACTION, and the ACLs
     * that could grant it live in the very metadata the controller serves). That is safe because the controller
     * listener is bound to 127.0.0.1 and is the only PLAINTEXT listener: only a process on this machine reaches it,
     * and such a process could read this broker's files (its properties and log dirs) anyway. A multi-node or
     * shared-host cluster gives the controller listener SASL or mTLS instead.
     */
    private static List<String> secureProperties(int clientPort, int controllerPort, Logins logins) {
        return List.of(
                "listeners=CLIENT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=CLIENT://127.0.0.1:" + clientPort,
                "listener.security.protocol.map=CLIENT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=CLIENT",
                "sasl.enabled.mechanisms=" + SCRAM,
                "sasl.mechanism.inter.broker.protocol=" + SCRAM,
                // the broker's own login as inter-broker client; as a server SCRAM reads the credentials from metadata
                "listener.name.client.scram-sha-512.sasl.jaas.config=" + logins.jaasConfig(KafkaAcls.SUPER_USER),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:" + KafkaAcls.SUPER_USER + ";User:ANONYMOUS",
                // nobody but the super user may create a topic: they all exist before the services start
                "auto.create.topics.enable=false");
    }

    /** As the super user: the topics of {@code Topics.ALL} and every rule of {@link KafkaAcls}. */
    private void createTopicsAndAcls() {
        try (Admin admin = Admin.create(new HashMap<String, Object>(clientConfig(KafkaAcls.SUPER_USER)))) {
            admin.createTopics(Topics.ALL.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList())
                    .all().get(60, TimeUnit.SECONDS);
            admin.createAcls(KafkaAcls.bindings()).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("creating the topics and ACLs failed, see " + logFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Kafka client settings for {@code user}: the bootstrap servers and, on a secure broker, the SCRAM login. For a
     * PLAINTEXT broker the user does not matter.
     */
    public Map<String, String> clientConfig(String user) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        if (logins != null) {
            config.put("security.protocol", "SASL_PLAINTEXT");
            config.put("sasl.mechanism", SCRAM);
            config.put("sasl.jaas.config", logins.jaasConfig(user));
        }
        return config;
    }

    /**
     * The same for a service process, as environment variables ({@code KAFKA_SASL_JAAS_CONFIG} is
     * {@code kafka.sasl.jaas.config} to MicroProfile Config, which every Kafka client of a service takes).
     */
    public Map<String, String> serviceEnv(String user) {
        Map<String, String> env = new LinkedHashMap<>();
        clientConfig(user).forEach((key, value) ->
                env.put("KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        return env;
    }

    /** Whether clients must log in (and are authorized by {@link KafkaAcls}). */
    public boolean secure() {
        return logins != null;
    }

    private static Process java(Path home, Path out, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        // C1 only, like the services: on two shared cores the C2 compiler's bursts (8 core-seconds in a 160 s run of
        // the benchmark's harness, up to a third of a core in a second) took CPU from the loop it carries
        command.add("-XX:TieredStopAtLevel=1");
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
                throw new IllegalStateException("kafka.classpath missing: build tools/infra with Maven first");
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
