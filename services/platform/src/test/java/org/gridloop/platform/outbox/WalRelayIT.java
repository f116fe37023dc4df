package org.gridloop.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.opentelemetry.api.trace.Tracer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.gridloop.infra.KafkaAcls;
import org.gridloop.infra.Postgres;
import org.gridloop.infra.SharedInfra;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.tracing.Tracing;
import org.gridloop.platform.tracing.TracingConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WAL relay against the tests' real PostgreSQL (wal_level=logical) and Kafka: what a transaction wrote leaves in
 * commit order once it commits, a rolled-back one leaves nothing, another service's messages in the same WAL are not
 * this relay's, and a second instance waits for the slot and takes over when the first stops, losing nothing that
 * was committed in between; nothing is confirmed to the slot before Kafka acknowledged it, and an idle relay lets
 * PostgreSQL recycle the WAL it has read.
 */
class WalRelayIT {

    private static final String SCHEMA = "wal_relay_it";
    private static final String OTHER_SCHEMA = "wal_relay_it_other";
    private static final String TOPIC = "gridloop.wal-relay-it";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static Postgres postgres;
    private static AgroalDataSource dataSource;
    private static KafkaConsumer<String, byte[]> consumer;
    private static final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        postgres = SharedInfra.get().postgres();
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            for (String schema : List.of(SCHEMA, OTHER_SCHEMA)) {
                dropSlot(s, WalRelay.slotName(schema));
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
                // the polling relay's table: with the WAL relay it only holds what came before the slot
                s.execute("CREATE TABLE " + schema + ".outbox (id BIGSERIAL PRIMARY KEY, event_id TEXT, topic TEXT,"
                        + " record_key TEXT, event_type TEXT, source TEXT, event_time TIMESTAMPTZ, actor TEXT,"
                        + " actor_role TEXT, payload TEXT, traceparent TEXT, created_at TIMESTAMPTZ DEFAULT now())");
            }
        }
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(8)
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(postgres.jdbcUrl() + "?currentSchema=" + SCHEMA)
                                .principal(new NamePrincipal(postgres.user()))
                                .credential(new SimplePassword(postgres.password())))));
        Map<String, Object> config = new HashMap<>(SharedInfra.get().kafka().clientConfig(KafkaAcls.SUPER_USER));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            }
        }
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (consumer != null) {
            consumer.close();
        }
        if (dataSource != null) {
            dataSource.close();
        }
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            for (String schema : List.of(SCHEMA, OTHER_SCHEMA)) {
                dropSlot(s, WalRelay.slotName(schema));
            }
        }
    }

    @Test
    void eventsLeaveInCommitOrderAndNothingOfARolledBackOrAnotherServicesTransaction() throws Exception {
        String key = "R-WAL-" + UUID.randomUUID();
        Relays relays = new Relays();
        try {
            relays.start(SCHEMA);
            try (Connection first = transaction(); Connection second = transaction();
                 Connection rolledBack = transaction(); Connection other = transaction()) {
                emit(first, SCHEMA, key, "first-1");
                emit(second, SCHEMA, key, "second-1");
                second.commit();
                emit(first, SCHEMA, key, "first-2");
                emit(rolledBack, SCHEMA, key, "rolled-back");
                rolledBack.rollback();
                emit(other, OTHER_SCHEMA, key, "other-service");
                other.commit();
                first.commit();
            }
            // a marker committed last: once it is on Kafka, everything committed before it is too
            try (Connection marker = transaction()) {
                emit(marker, SCHEMA, key, "marker");
                marker.commit();
            }
            assertThat(idsUntil(key, "marker")).as("commit order; no rolled-back or other service's event")
                    .containsExactly("second-1", "first-1", "first-2", "marker");
        } finally {
            relays.stopAll();
        }
    }

    @Test
    void aSecondInstanceWaitsForTheSlotAndTakesOverWithoutLosingAnEvent() throws Exception {
        String key = "R-WAL-" + UUID.randomUUID();
        Relays relays = new Relays();
        try {
            WalRelay holder = relays.start(SCHEMA);
            awaitTrue(holder::streaming, "the first instance streams");
            WalRelay standby = relays.start(SCHEMA);
            Thread.sleep(3_000);
            assertThat(standby.streaming()).as("one instance per slot").isFalse();
            assertThat(holder.streaming()).isTrue();

            List<String> committed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                commitOne(key, "before-" + i, committed);
            }
            relays.stop(holder);
            for (int i = 0; i < 5; i++) {
                commitOne(key, "between-" + i, committed);
            }
            awaitTrue(standby::streaming, "the second instance takes the slot over");
            commitOne(key, "marker", committed);
            assertThat(idsUntil(key, "marker")).as("every committed event, repeats allowed")
                    .containsAll(committed);
        } finally {
            relays.stopAll();
        }
    }

    @Test
    void anIdleRelayConfirmsTheServersPositionSoItsSlotHoldsNoWal() throws Exception {
        Relays relays = new Relays();
        try {
            WalRelay relay = relays.start(SCHEMA);
            awaitTrue(relay::streaming, "the instance streams");
            String key = "R-WAL-" + UUID.randomUUID();
            commitOne(key, "published", new ArrayList<>());
            idsUntil(key, "published");
            String lsn;
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                // WAL of another service's table: nothing this relay publishes, nothing it should hold
                for (int i = 0; i < 20; i++) {
                    s.execute("INSERT INTO " + OTHER_SCHEMA + ".outbox (event_id, payload) VALUES ('x', 'y')");
                }
                lsn = currentLsn();
            }
            awaitTrue(() -> confirmedPast(lsn), "the slot confirmed past " + lsn);
        } finally {
            relays.stopAll();
        }
    }

    private static boolean confirmedPast(String lsn) {
        try (Connection c = postgres.connect(); PreparedStatement p = c.prepareStatement(
                "SELECT confirmed_flush_lsn >= ?::pg_lsn FROM pg_replication_slots WHERE slot_name = ?")) {
            p.setString(1, lsn);
            p.setString(2, WalRelay.slotName(SCHEMA));
            try (var r = p.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nothingIsConfirmedToTheSlotBeforeKafkaAcknowledgedIt() throws Exception {
        String key = "R-WAL-" + UUID.randomUUID();
        Relays relays = new Relays();
        try {
            // a relay whose producer reaches no broker: it reads the event and cannot publish it
            WalRelay cutOff = relays.start(SCHEMA, Map.of("bootstrap.servers", "127.0.0.1:9", "max.block.ms", 1_000));
            awaitTrue(cutOff::streaming, "the cut-off instance streams");
            commitOne(key, "unpublished", new ArrayList<>());
            String lsn = currentLsn();
            Thread.sleep(4_000);
            assertThat(confirmedPast(lsn)).as("the slot did not move past an event Kafka never acknowledged")
                    .isFalse();
            relays.stop(cutOff);
            relays.start(SCHEMA);
            assertThat(idsUntil(key, "unpublished")).as("the next instance publishes it").contains("unpublished");
            awaitTrue(() -> confirmedPast(lsn), "then the slot moves past it");
        } finally {
            relays.stopAll();
        }
    }

    private static String currentLsn() throws SQLException {
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
             var r = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            r.next();
            return r.getString(1);
        }
    }

    private void commitOne(String key, String id, List<String> committed) throws SQLException {
        try (Connection c = transaction()) {
            emit(c, SCHEMA, key, id);
            c.commit();
        }
        committed.add(id);
    }

    private static Connection transaction() throws SQLException {
        Connection c = postgres.connect();
        c.setAutoCommit(false);
        return c;
    }

    private static void emit(Connection c, String schema, String key, String id) throws SQLException {
        OutboxEvent event = new OutboxEvent(TOPIC, key, id, "gridloop.request.accepted.v1",
                "/gridloop/wal-relay-it", Instant.now(), "system", "system", "{\"requestId\":\"" + key + "\"}", null);
        try (PreparedStatement p = c.prepareStatement(WalRelay.emitSql())) {
            p.setString(1, WalRelay.prefix(schema));
            p.setString(2, event.json());
            p.execute();
        }
    }

    /** The ids of the events with this key, in the order Kafka holds them, once {@code last} arrived. */
    private static List<String> idsUntil(String key, String last) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                seen.add(r);
            }
            List<String> ids = seen.stream().filter(r -> key.equals(r.key()))
                    .map(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).toList();
            if (ids.contains(last)) {
                return ids;
            }
        }
        throw new AssertionError(last + " of " + key + " did not arrive within " + PATIENCE);
    }

    private static void awaitTrue(BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void dropSlot(Statement s, String slot) throws SQLException {
        s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                + slot + "' AND NOT active");
    }

    /** Relays built as the container would, each with its own producer, as separate instances of a service. */
    private static final class Relays {

        private final Map<WalRelay, OutboxRelay> started = new HashMap<>();

        WalRelay start(String schema) throws Exception {
            return start(schema, Map.of());
        }

        WalRelay start(String schema, Map<String, Object> kafkaOverrides) throws Exception {
            DatabaseConfig database = () -> schema;
            OutboxConfig config = config();
            Constructor<Tracing> tracingConstructor = Tracing.class.getDeclaredConstructor(Tracer.class,
                    boolean.class, TracingConfig.class, Sql.class, DatabaseConfig.class);
            tracingConstructor.setAccessible(true);
            Tracing tracing = tracingConstructor.newInstance(null, true, (TracingConfig) () -> Duration.ofDays(1),
                    null, database);
            Map<String, Object> kafka = new HashMap<>(SharedInfra.get().kafka().clientConfig(KafkaAcls.SUPER_USER));
            kafka.putAll(kafkaOverrides);
            OutboxRelay relay = new OutboxRelay(dataSource, kafka, database, config, tracing);
            relay.start(null);
            WalRelay wal = new WalRelay(dataSource, relay, config, database,
                    postgres.jdbcUrl() + "?currentSchema=" + schema, postgres.user(),
                    Optional.of(postgres.password()));
            wal.prepare(null);
            wal.start(null);
            started.put(wal, relay);
            return wal;
        }

        void stop(WalRelay wal) {
            wal.stop(null);
            started.remove(wal).stop(null);
        }

        void stopAll() {
            new ArrayList<>(started.keySet()).forEach(this::stop);
        }

        private static OutboxConfig config() {
            return new OutboxConfig() {
                @Override
                public Duration pollInterval() {
                    return Duration.ofSeconds(1);
                }

                @Override
                public int batchSize() {
                    return 100;
                }

                @Override
                public Duration linger() {
                    return Duration.ZERO;
                }

                @Override
                public Relay relay() {
                    return Relay.WAL;
                }

                @Override
                public Wal wal() {
                    return new Wal() {
                        @Override
                        public Duration standbyRetry() {
                            return Duration.ofMillis(200);
                        }

                        @Override
                        public Duration senderTimeout() {
                            return Duration.ofSeconds(10);
                        }

                        @Override
                        public Duration leftoverPollInterval() {
                            return Duration.ofSeconds(60);
                        }
                    };
                }
            };
        }
    }
}
