package org.gridloop.localstack;

import org.gridloop.infra.DemoUser;
import org.gridloop.infra.FreePorts;
import org.gridloop.infra.JwtIssuer;
import org.gridloop.infra.KafkaAcls;
import org.gridloop.infra.KafkaBroker;
import org.gridloop.infra.Postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Runs all of GridLoop on one machine: a real PostgreSQL and a real Kafka broker (or external ones whose addresses
 * are given), the three services from their packaged jars, and a local JWT issuer whose demo tokens it prints.
 * Ctrl-C stops everything.
 *
 * <p>Its own broker is secure: every service logs in with its own SCRAM-SHA-512 login (random passwords, passed in
 * the service's environment as KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG) and may do only
 * what tools/infra's KafkaAcls allows, as in production.
 *
 * <p>Environment: GRIDLOOP_HOME (state and logs, default .gridloop), GRIDLOOP_PG_PORT (15432),
 * GRIDLOOP_KAFKA_PORT (19092), GRIDLOOP_EXTERNAL_PG=host:port with GRIDLOOP_PG_USER / GRIDLOOP_PG_PASSWORD,
 * GRIDLOOP_EXTERNAL_KAFKA=host:port (its security settings, if any, as KAFKA_* variables in the environment, which
 * the services inherit), GRIDLOOP_KAFKA_SECURITY=plaintext for an own broker without logins and ACLs,
 * GRIDLOOP_INSTANCES=N for N instances of each service behind one port each ({@link Balancer}).
 */
public final class LocalStack implements AutoCloseable {

    public static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("grid-intake", 8081);
        SERVICES.put("report-in", 8082);
        SERVICES.put("escalation", 8083);
        SERVICES.put("web", 8080);
    }

    /** The web pages: started after the services, told where they are and where the demo tokens are. */
    static final String WEB = "web";

    /**
     * Where things run: {@link #at} gives the defaults (an own PostgreSQL and an own secure Kafka broker on free
     * ports, the three services on free ports, no extra environment), each {@code with...} changes one thing.
     * Zero ports mean "any free port". {@code secureKafka}: the own broker with SCRAM logins and KafkaAcls' rules;
     * false for a PLAINTEXT broker that allows everything.
     */
    public static final class Options {

        private final Path root;
        private final Path home;
        private final int pgPort;
        private final int kafkaPort;
        private final String externalPg;
        private final String pgUser;
        private final String pgPassword;
        private final String externalKafka;
        private final Map<String, Integer> servicePorts;
        private final Map<String, String> extraServiceEnv;
        private final boolean secureKafka;
        private final int instances;

        private Options(Path root, Path home, int pgPort, int kafkaPort, String externalPg, String pgUser,
                        String pgPassword, String externalKafka, Map<String, Integer> servicePorts,
                        Map<String, String> extraServiceEnv, boolean secureKafka) {
            this(root, home, pgPort, kafkaPort, externalPg, pgUser, pgPassword, externalKafka, servicePorts,
                    extraServiceEnv, secureKafka, 1);
        }

        private Options(Path root, Path home, int pgPort, int kafkaPort, String externalPg, String pgUser,
                        String pgPassword, String externalKafka, Map<String, Integer> servicePorts,
                        Map<String, String> extraServiceEnv, boolean secureKafka, int instances) {
            if (instances < 1) {
                throw new IllegalArgumentException("instances must be at least 1, not " + instances);
            }
            this.instances = instances;
            this.root = root;
            this.home = home;
            this.pgPort = pgPort;
            this.kafkaPort = kafkaPort;
            this.externalPg = externalPg;
            this.pgUser = pgUser;
            this.pgPassword = pgPassword;
            this.externalKafka = externalKafka;
            this.servicePorts = Collections.unmodifiableMap(new LinkedHashMap<>(servicePorts));
            this.extraServiceEnv = Map.copyOf(extraServiceEnv);
            this.secureKafka = secureKafka;
        }

        /**
         * The defaults: the repository at {@code root}, state in {@code home}, an own PostgreSQL and an own secure
         * broker on free ports, grid-intake, report-in and escalation (not the web pages) on free ports.
         */
        public static Options at(Path root, Path home) {
            Map<String, Integer> services = new LinkedHashMap<>();
            SERVICES.keySet().stream().filter(s -> !s.equals(WEB)).forEach(s -> services.put(s, 0));
            return new Options(root, home, 0, 0, null, "postgres", "postgres", null, services, Map.of(), true);
        }

        /** What the run command starts: every service and the web pages on their usual ports, from GRIDLOOP_*. */
        public static Options fromEnvironment(Path root) {
            Map<String, String> env = System.getenv();
            Options options = at(root, Path.of(env.getOrDefault("GRIDLOOP_HOME", root.resolve(".gridloop").toString())))
                    .withPorts(Integer.parseInt(env.getOrDefault("GRIDLOOP_PG_PORT", "15432")),
                            Integer.parseInt(env.getOrDefault("GRIDLOOP_KAFKA_PORT", "19092")))
                    .withServicePorts(SERVICES)
                    .withSecureKafka(!"plaintext".equalsIgnoreCase(env.getOrDefault("GRIDLOOP_KAFKA_SECURITY", "scram")))
                    .withInstances(Integer.parseInt(env.getOrDefault("GRIDLOOP_INSTANCES", "1")));
            if (env.get("GRIDLOOP_EXTERNAL_PG") != null) {
                options = options.withExternalPostgres(env.get("GRIDLOOP_EXTERNAL_PG"),
                        env.getOrDefault("GRIDLOOP_PG_USER", "postgres"),
                        env.getOrDefault("GRIDLOOP_PG_PASSWORD", "postgres"));
            }
            if (env.get("GRIDLOOP_EXTERNAL_KAFKA") != null) {
                options = options.withExternalKafka(env.get("GRIDLOOP_EXTERNAL_KAFKA"));
            }
            return options;
        }

        /** The own PostgreSQL's and the own broker's ports. */
        public Options withPorts(int pgPort, int kafkaPort) {
            return new Options(root, home, pgPort, kafkaPort, externalPg, pgUser, pgPassword, externalKafka,
                    servicePorts, extraServiceEnv, secureKafka, instances);
        }

        /** A PostgreSQL already running at {@code hostPort}, instead of an own one. */
        public Options withExternalPostgres(String hostPort, String user, String password) {
            return new Options(root, home, pgPort, kafkaPort, hostPort, user, password, externalKafka,
                    servicePorts, extraServiceEnv, secureKafka, instances);
        }

        /** A broker already running at {@code hostPort}, instead of an own one. */
        public Options withExternalKafka(String hostPort) {
            return new Options(root, home, pgPort, kafkaPort, externalPg, pgUser, pgPassword, hostPort,
                    servicePorts, extraServiceEnv, secureKafka, instances);
        }

        /** Which services run, on which ports (0: a free one), in this order. */
        public Options withServicePorts(Map<String, Integer> ports) {
            return new Options(root, home, pgPort, kafkaPort, externalPg, pgUser, pgPassword, externalKafka,
                    ports, extraServiceEnv, secureKafka, instances);
        }

        /** Only these services (of {@link #SERVICES}, the web pages included), each on a free port. */
        public Options withServices(String... services) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String service : services) {
                if (!SERVICES.containsKey(service)) {
                    throw new IllegalArgumentException("no service " + service + "; known: " + SERVICES.keySet());
                }
                ports.put(service, 0);
            }
            return withServicePorts(ports);
        }

        /** Settings added to every service's environment. */
        public Options withServiceEnv(Map<String, String> env) {
            return new Options(root, home, pgPort, kafkaPort, externalPg, pgUser, pgPassword, externalKafka,
                    servicePorts, env, secureKafka, instances);
        }

        public Options withSecureKafka(boolean secure) {
            return new Options(root, home, pgPort, kafkaPort, externalPg, pgUser, pgPassword, externalKafka,
                    servicePorts, extraServiceEnv, secure, instances);
        }

        /**
         * How many instances of each service (not the web pages) run. Above one, each service's port is a
         * {@link Balancer} in front of its instances (each on a free port of its own), as a Kubernetes Service is.
         */
        public Options withInstances(int instances) {
            return new Options(root, home, pgPort, kafkaPort, externalPg, pgUser, pgPassword, externalKafka,
                    servicePorts, extraServiceEnv, secureKafka, instances);
        }

        public int instances() {
            return instances;
        }

        public Path root() {
            return root;
        }

        public Path home() {
            return home;
        }

        public int pgPort() {
            return pgPort;
        }

        public int kafkaPort() {
            return kafkaPort;
        }

        /** host:port of a PostgreSQL already running, or null for an own one. */
        public String externalPg() {
            return externalPg;
        }

        public String pgUser() {
            return pgUser;
        }

        public String pgPassword() {
            return pgPassword;
        }

        /** host:port of a broker already running, or null for an own one. */
        public String externalKafka() {
            return externalKafka;
        }

        public Map<String, Integer> servicePorts() {
            return servicePorts;
        }

        public Map<String, String> extraServiceEnv() {
            return extraServiceEnv;
        }

        public boolean secureKafka() {
            return secureKafka;
        }
    }

    private final Postgres postgres;
    private KafkaBroker kafka;
    private KafkaBroker.Logins kafkaLogins;
    private Options options;
    /** Each service's environment: the shared settings and its own Kafka login. */
    private Map<String, Map<String, String>> serviceEnv;
    private final String bootstrapServers;
    private final JwtIssuer jwt;
    private final List<ServiceProcess> services;
    /** In front of each replicated service (none when every service runs once). */
    private final List<Balancer> balancers = new ArrayList<>();
    /** Each service's port: its only instance's, or its balancer's. */
    private final Map<String, Integer> ports = new LinkedHashMap<>();

    private LocalStack(Postgres postgres, KafkaBroker kafka, String bootstrapServers, JwtIssuer jwt,
                       List<ServiceProcess> services) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.jwt = jwt;
        this.services = services;
    }

    public static LocalStack start(Options options) throws IOException, InterruptedException {
        wipe(options.home());
        Files.createDirectories(options.home());
        Postgres postgres = null;
        KafkaBroker kafka = null;
        List<ServiceProcess> services = new ArrayList<>();
        List<Balancer> balancers = new ArrayList<>();
        try {
            if (options.externalPg() != null) {
                String[] hostPort = options.externalPg().split(":");
                postgres = Postgres.external(hostPort[0], Integer.parseInt(hostPort[1]), options.pgUser(),
                        options.pgPassword());
            } else {
                postgres = Postgres.startEmbedded(options.pgPort(), options.home().resolve("postgres"));
            }
            String bootstrap;
            KafkaBroker.Logins logins = null;
            if (options.externalKafka() != null) {
                bootstrap = options.externalKafka();
            } else {
                logins = options.secureKafka() ? KafkaBroker.Logins.random() : null;
                kafka = KafkaBroker.start(options.kafkaPort(), options.home().resolve("kafka"), logins);
                bootstrap = kafka.bootstrapServers();
                writeKafkaAdminConfig(options.home(), kafka);
            }
            JwtIssuer jwt = new JwtIssuer();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> service : options.servicePorts().entrySet()) {
                ports.put(service.getKey(), service.getValue() > 0 ? service.getValue() : FreePorts.pick());
            }
            Map<String, String> env = new HashMap<>();
            env.put("GRIDLOOP_DB_HOST", postgres.host());
            env.put("GRIDLOOP_DB_PORT", Integer.toString(postgres.port()));
            env.put("GRIDLOOP_DB_NAME", Postgres.DATABASE);
            env.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("MP_JWT_VERIFY_PUBLICKEY", jwt.publicKeyPem());
            env.put("MP_JWT_VERIFY_ISSUER", jwt.issuer());
            // the local stack is a demo: its key, passwords and issuer are demo values the services would refuse
            env.put("GRIDLOOP_DEMO_ENABLED", "true");
            if (ports.containsKey(WEB)) {
                int web = ports.get(WEB);
                env.put("GRIDLOOP_WEB_ORIGINS", "http://localhost:" + web + ",http://127.0.0.1:" + web);
            }
            env.putAll(options.extraServiceEnv());
            Map<String, Map<String, String>> envs = new HashMap<>();
            for (String service : ports.keySet()) {
                Map<String, String> own = new HashMap<>(env);
                if (kafka != null && kafka.secure() && !service.equals(WEB)) {
                    // its own login: what it may do on the broker is KafkaAcls' rules for this principal
                    own.putAll(kafka.serviceEnv(service));
                }
                envs.put(service, own);
            }
            Path tokens = writeTokens(options.home(), jwt, ports);
            for (Map.Entry<String, Integer> service : ports.entrySet()) {
                if (service.getKey().equals(WEB)) {
                    continue;
                }
                if (options.instances() == 1) {
                    services.add(ServiceProcess.start(options.root(), service.getKey(), 1, service.getValue(),
                            envs.get(service.getKey()), options.home().resolve("logs")));
                    continue;
                }
                List<Integer> backends = new ArrayList<>();
                for (int instance = 1; instance <= options.instances(); instance++) {
                    int port = FreePorts.pick();
                    backends.add(port);
                    services.add(ServiceProcess.start(options.root(), service.getKey(), instance, port,
                            envs.get(service.getKey()), options.home().resolve("logs")));
                }
                balancers.add(new Balancer(service.getKey(), service.getValue(), backends));
            }
            for (ServiceProcess service : services) {
                service.awaitReady(Duration.ofMinutes(3));
            }
            if (ports.containsKey(WEB)) {
                Map<String, String> webEnv = new HashMap<>();
                webEnv.put("GRIDLOOP_WEB_DEMO_TOKENS_FILE", tokens.toString());
                for (String service : List.of("grid-intake", "report-in", "escalation")) {
                    if (ports.containsKey(service)) {
                        webEnv.put("GRIDLOOP_WEB_" + service.toUpperCase().replace('-', '_') + "_URL",
                                "http://127.0.0.1:" + ports.get(service));
                    }
                }
                ServiceProcess web = ServiceProcess.start(options.root(), WEB, 1, ports.get(WEB), webEnv,
                        options.home().resolve("logs"));
                services.add(web);
                web.awaitReady(Duration.ofMinutes(2));
            }
            LocalStack stack = new LocalStack(postgres, kafka, bootstrap, jwt, services);
            stack.balancers.addAll(balancers);
            stack.ports.putAll(ports);
            stack.options = options;
            stack.serviceEnv = envs;
            stack.kafkaLogins = logins;
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            services.forEach(ServiceProcess::close);
            balancers.forEach(Balancer::close);
            if (kafka != null) {
                kafka.close();
            }
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    /** {@code tokens.env}: a bearer token per demo user and each service's URL, for curl and the web pages. */
    private static Path writeTokens(Path home, JwtIssuer jwt, Map<String, Integer> ports) throws IOException {
        StringBuilder env = new StringBuilder();
        for (DemoUser user : DemoUser.all()) {
            env.append("export TOKEN_").append(user.username().toUpperCase()).append('=')
                    .append(jwt.token(user)).append('\n');
        }
        for (Map.Entry<String, Integer> service : ports.entrySet()) {
            env.append("export ").append(service.getKey().toUpperCase().replace('-', '_')).append("=http://127.0.0.1:")
                    .append(service.getValue()).append('\n');
        }
        Path tokens = home.resolve("tokens.env");
        Files.writeString(tokens, env);
        return tokens;
    }

    /**
     * {@code kafka-admin.properties}: the super user's client settings, for Kafka's tools
     * ({@code kafka-console-consumer.sh --consumer.config}, {@code --command-config}); readable by the owner only.
     */
    private static void writeKafkaAdminConfig(Path home, KafkaBroker kafka) throws IOException {
        Path file = home.resolve("kafka-admin.properties");
        StringBuilder text = new StringBuilder("# the local broker's super user (local stack only)\n");
        kafka.clientConfig(KafkaAcls.SUPER_USER)
                .forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(file, text);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file stays as the umask made it
        }
    }

    private static void wipe(Path home) throws IOException {
        if (!Files.exists(home)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Fault injection: kill -9 a service and start it again on the same port with the same configuration. */
    public void killAndRestart(String name) throws IOException, InterruptedException {
        killAndRestart(name, 1);
    }

    /** Fault injection: kill -9 one instance of a service (1, 2 …) and start it again as it was. */
    public void killAndRestart(String name, int instance) throws IOException, InterruptedException {
        ServiceProcess old = instance(name, instance);
        old.handle().destroyForcibly();
        old.handle().onExit().join();
        restart(old);
    }

    /** Starts a stopped instance again on its port with the same configuration, and waits until it is ready. */
    private void restart(ServiceProcess old) throws IOException, InterruptedException {
        ServiceProcess fresh = ServiceProcess.start(options.root(), old.name(), old.instance(), old.port(),
                serviceEnv.get(old.name()), options.home().resolve("logs"));
        services.set(services.indexOf(old), fresh);
        fresh.awaitReady(Duration.ofMinutes(3));
    }

    /**
     * A rolling restart's step: SIGTERM a service, wait until it has exited (at most {@code grace}, then SIGKILL, as
     * Kubernetes does at the end of a grace period), and start it again on the same port. Returns how long it took
     * to exit after SIGTERM, and whether it had to be killed.
     */
    public Stopped stopAndRestart(String name, Duration grace) throws IOException, InterruptedException {
        return stopAndRestart(name, 1, grace);
    }

    /** {@link #stopAndRestart(String, Duration)} for one instance of a replicated service. */
    public Stopped stopAndRestart(String name, int instance, Duration grace) throws IOException, InterruptedException {
        ServiceProcess old = instance(name, instance);
        long t0 = System.nanoTime();
        old.handle().destroy();
        boolean exited;
        try {
            old.handle().onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            exited = true;
        } catch (java.util.concurrent.TimeoutException e) {
            exited = false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        if (!exited) {
            old.handle().destroyForcibly();
            old.handle().onExit().join();
        }
        restart(old);
        return new Stopped(took, !exited);
    }

    /** How a service stopped: the time from SIGTERM to its exit, and whether it had to be killed. */
    public record Stopped(Duration took, boolean killed) {
    }

    /** Fault injection: kill -9 the broker and start it again on its ports and log dirs. */
    public void killAndRestartKafka() throws InterruptedException {
        if (kafka == null) {
            throw new IllegalStateException("the broker is external");
        }
        kafka.kill();
        kafka = KafkaBroker.start(0, options.home().resolve("kafka"), kafkaLogins);
    }

    /** A service's first instance. */
    public ServiceProcess service(String name) {
        return instance(name, 1);
    }

    /** One instance of a service: 1, 2 … up to {@link Options#instances()}. */
    public ServiceProcess instance(String name, int instance) {
        return services.stream().filter(s -> s.name().equals(name) && s.instance() == instance).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance " + instance + " of " + name));
    }

    /** How many instances each service runs. */
    public int instances() {
        return options.instances();
    }

    /** Where a service answers: its only instance, or the balancer in front of its instances. */
    public String url(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException("no service " + service);
        }
        return "http://127.0.0.1:" + port;
    }

    public List<ServiceProcess> services() {
        return services;
    }

    public JwtIssuer jwt() {
        return jwt;
    }

    public Postgres postgres() {
        return postgres;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Kafka client settings for an observer outside the services (the simulator, a test that reads the topics): the
     * super user's login on the own secure broker, else just the bootstrap servers.
     */
    public Map<String, String> kafkaClientConfig() {
        return kafka != null ? kafka.clientConfig(KafkaAcls.SUPER_USER)
                : Map.of("bootstrap.servers", bootstrapServers);
    }

    /**
     * Stops everything: SIGTERM to every service at once (each exits on its own within 10 s; one that does not is
     * killed after 20 s), then the broker and PostgreSQL, which the services needed to finish.
     */
    @Override
    public void close() {
        balancers.forEach(Balancer::close);
        services.forEach(ServiceProcess::stop);
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (kafka != null) {
            kafka.close();
        }
        postgres.close();
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("gridloop.root", ".")).toAbsolutePath().normalize();
        Options options = Options.fromEnvironment(root);
        System.out.println("GridLoop: starting PostgreSQL, Kafka and the three services (state in " + options.home()
                + ") ...");
        LocalStack stack = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nGridLoop: stopping ...");
            long t0 = System.nanoTime();
            stack.close();
            System.out.printf("GridLoop: stopped in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
            stopped.countDown();
        }, "gridloop-stop"));
        Path tokens = options.home().resolve("tokens.env");
        System.out.println();
        System.out.println("GridLoop is up.");
        System.out.printf("  PostgreSQL   %s (user %s)%n", stack.postgres().jdbcUrl(), stack.postgres().user());
        System.out.printf("  Kafka        %s%s%n", stack.bootstrapServers(), stack.kafka != null && stack.kafka.secure()
                ? "   (SASL_PLAINTEXT, SCRAM-SHA-512: one login per service, ACLs from deploy/kafka/gridloop-acls.sh;"
                + " the super user's client settings in " + options.home().resolve("kafka-admin.properties") + ")"
                : "");
        for (ServiceProcess service : stack.services()) {
            String name = stack.instances() == 1 || service.name().equals(WEB) ? service.name()
                    : service.name() + " #" + service.instance();
            System.out.printf("  %-14s %s   (OpenAPI %s/q/openapi, Swagger UI %s/q/swagger-ui, log %s)%n",
                    name, service.url(), service.url(), service.url(), service.log());
        }
        if (stack.instances() > 1) {
            for (String service : stack.ports.keySet()) {
                if (!service.equals(WEB)) {
                    System.out.printf("  %-14s %s   (balancing over its %d instances)%n", service,
                            stack.url(service), stack.instances());
                }
            }
        }
        System.out.println();
        System.out.println("Demo users (role, scope) and their bearer tokens, valid 12 h:");
        for (DemoUser user : DemoUser.all()) {
            String scope = user.department() != null ? "department " + user.department()
                    : !user.grids().isEmpty() ? "grids " + user.grids()
                    : user.unit() != null ? "unit " + user.unit() : "";
            System.out.printf("  %-6s %-12s %-40s TOKEN_%s%n", user.username(), String.join(",", user.roles()), scope,
                    user.username().toUpperCase());
        }
        System.out.println();
        System.out.println("  source " + tokens + "   # sets $TOKEN_<USER> and the service URLs for the README walkthrough");
        System.out.println("Ctrl-C stops everything.");
        stopped.await();
    }
}
