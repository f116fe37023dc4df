package org.gridloop.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox table to Kafka (with {@code gridloop.outbox.relay=poll}, or what was written there before the
 * {@link WalRelay}'s slot existed): rows in id order, then deletes them once every record of the batch was
 * acknowledged ({@code acks=all}, idempotent producer). A crash between the two publishes a batch twice, never
 * loses one; consumers skip repeats through their inbox. Only one relay per service publishes at a time (a
 * PostgreSQL advisory lock), which keeps each request's events in order even with several replicas.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final String schema;
    private final Duration pollInterval;
    private final int batchSize;
    private final Duration linger;
    private final Tracing tracing;
    private final Semaphore signal = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    OutboxRelay(AgroalDataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                DatabaseConfig database, OutboxConfig config, Tracing tracing) {
        this.dataSource = dataSource;
        this.tracing = tracing;
        this.kafkaConfig = kafkaConfig;
        this.schema = database.schema();
        // with the WAL relay the table only holds what was written before the slot existed
        this.pollInterval = config.relay() == OutboxConfig.Relay.WAL ? config.wal().leftoverPollInterval()
                : config.pollInterval();
        this.batchSize = config.batchSize();
        this.linger = config.linger();
    }

    void start(@Observes StartupEvent startup) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ProducerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + schema);
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Something was committed to the outbox: publish now rather than at the next poll. */
    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    private void loop() {
        long backoffMillis = 100;
        while (running) {
            try {
                int published = relayOnce();
                backoffMillis = 100;
                if (published < batchSize) {
                    if (signal.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS) && !linger.isZero()) {
                        Thread.sleep(linger.toMillis(), linger.toNanosPart() % 1_000_000);
                    }
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay: %s; retrying in %d ms", e.getMessage(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
    }

    /** Publishes one batch; returns how many records went out. */
    public int relayOnce() {
        return QuarkusTransaction.requiringNew().timeout(120).call(this::publishBatch);
    }

    private int publishBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!lockRelay(connection)) {
                return 0;
            }
            List<Long> ids = new ArrayList<>();
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, topic, record_key, event_id, event_type, source, event_time, actor, actor_role, payload,"
                            + " traceparent FROM " + schema + ".outbox ORDER BY id LIMIT ?")) {
                select.setInt(1, batchSize);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                        Timestamp time = rows.getTimestamp(7);
                        acks.add(send(new OutboxEvent(rows.getString(2), rows.getString(3), rows.getString(4),
                                rows.getString(5), rows.getString(6), time == null ? null : time.toInstant(),
                                rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11))));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + schema + ".outbox WHERE id = ANY (?)")) {
                Array array = connection.createArrayOf("bigint", ids.toArray());
                delete.setArray(1, array);
                delete.executeUpdate();
            }
            return ids.size();
        }
    }

    /**
     * Hands one event to the producer; the record carries the publishing span, child of the step that wrote it (the
     * gap between the two is the event's time on its way).
     */
    Future<RecordMetadata> send(OutboxEvent event) {
        Span publishing = tracing.publishing(event.traceparent(), event.topic(), event.type());
        CloudEvent.Attributes attributes = new CloudEvent.Attributes(event.id(), event.source(), event.type(),
                event.key(), event.time(), event.actor(), event.actorRole(),
                publishing == null ? event.traceparent() : Tracing.traceparent(publishing.getSpanContext()));
        return producer.send(EventCodec.record(event.topic(), attributes,
                event.payload().getBytes(StandardCharsets.UTF_8)), (metadata, failure) -> {
            if (publishing != null) {
                if (failure != null) {
                    publishing.recordException(failure);
                }
                publishing.end();
            }
        });
    }

    /** Sends what the producer holds now (the caller then waits for the acknowledgements it collected). */
    void flush() {
        producer.flush();
    }

    private boolean lockRelay(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT pg_try_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "gridloop-outbox-relay:" + schema);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
