package org.gridloop.infra;

import java.util.HashMap;
import java.util.Map;

/**
 * One real PostgreSQL, one real Kafka broker and one JWT issuer per JVM, started on first use and stopped when the
 * JVM exits. Every *IT test of a module shares them.
 */
public final class SharedInfra {

    private static SharedInfra instance;

    private final Postgres postgres;
    private final KafkaBroker kafka;
    private final JwtIssuer jwt;

    private SharedInfra(Postgres postgres, KafkaBroker kafka, JwtIssuer jwt) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.jwt = jwt;
    }

    public static synchronized SharedInfra get() {
        if (instance == null) {
            Postgres postgres = Postgres.startEmbedded(0, null);
            KafkaBroker kafka = KafkaBroker.start(0, null);
            instance = new SharedInfra(postgres, kafka, new JwtIssuer());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                postgres.close();
            }, "gridloop-infra-stop"));
        }
        return instance;
    }

    public Postgres postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public JwtIssuer jwt() {
        return jwt;
    }

    /** The configuration a GridLoop service needs to use this infrastructure. */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new HashMap<>(jwt.serviceConfig());
        config.put("gridloop.db.host", postgres.host());
        config.put("gridloop.db.port", Integer.toString(postgres.port()));
        config.put("gridloop.db.name", Postgres.DATABASE);
        config.put("quarkus.datasource.username", postgres.user());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        return config;
    }
}
