package org.gridloop.escalation.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.PoisonEventException;
import org.gridloop.contracts.Topics;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the read model (timeline and evaluation facts) from the topics: clears its tables and its inbox rows,
 * then reads every partition of the three topics from the beginning up to the end offsets seen at the start, and
 * applies each record through the same handler the live consumers use. The live consumers keep running: both
 * record what they applied under the same inbox consumer, so an event is applied once whoever gets it first, and
 * every fold is order-independent, so the figures come out the same.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    static final List<String> TOPICS = List.of(Topics.REQUESTS, Topics.DISPATCHES, Topics.ESCALATIONS);
    /** The facts' pre-aggregates are truncated with them (TRUNCATE fires no row trigger) and refilled as they are. */
    static final List<String> TABLES = List.of("timeline_entry", "case_file", "case_fact", "dispatch_fact",
            "escalation_fact", "kpi_day", "cycle_day");

    /** RUNNING, DONE or FAILED, with how many records were read, applied (first delivery or not) and skipped. */
    public record Status(String state, Instant startedAt, Instant finishedAt, long read, long skipped, String error) {
    }

    @Inject
    TimelineEventHandler handler;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "gridloop.schema")
    String schema;

    private volatile Status status = new Status("IDLE", null, null, 0, 0, null);

    public Status status() {
        return status;
    }

    /** Starts a rebuild unless one is running; returns the status. */
    public synchronized Status start() {
        if ("RUNNING".equals(status.state())) {
            return status;
        }
        Instant started = Instant.now();
        status = new Status("RUNNING", started, null, 0, 0, null);
        Thread worker = new Thread(() -> run(started), "read-model-rebuild");
        worker.setDaemon(true);
        worker.start();
        return status;
    }

    private void run(Instant started) {
        long read = 0;
        long skipped = 0;
        try {
            clear();
            try (KafkaConsumer<String, byte[]> consumer = consumer()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : TOPICS) {
                    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                    if (infos != null) {
                        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                    }
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
                end.values().removeIf(v -> v == 0);
                while (!done(consumer, end)) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                        Long last = end.get(tp);
                        if (last == null || record.offset() >= last) {
                            continue;
                        }
                        read++;
                        if (!apply(record)) {
                            skipped++;
                        }
                        status = new Status("RUNNING", started, null, read, skipped, null);
                    }
                }
            }
            status = new Status("DONE", started, Instant.now(), read, skipped, null);
            LOG.infof("read model rebuilt from %d records (%d skipped)", read, skipped);
        } catch (RuntimeException | InterruptedException e) {
            LOG.errorf(e, "read model rebuild failed");
            status = new Status("FAILED", started, Instant.now(), read, skipped, e.toString());
        }
    }

    private static boolean done(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Applies one record; false for a record that is not an event of the timeline (skipped, as live). */
    private boolean apply(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        CloudEvent<?> event;
        try {
            event = EventCodec.decode(record.headers(), record.value());
        } catch (PoisonEventException e) {
            return false;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> handler.handle(event));
                return true;
            } catch (PoisonEventException e) {
                return false;
            } catch (Throwable e) {
                if (attempt >= 20) {
                    throw new IllegalStateException("could not apply " + event.id(), e);
                }
                Thread.sleep(100L * attempt);
            }
        }
    }

    private void clear() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                    .chain(session -> {
                        Uni<Integer> chain = session.createNativeQuery("TRUNCATE " + String.join(", ",
                                TABLES.stream().map(t -> schema + "." + t).toList())).executeUpdate();
                        return chain.chain(() -> session.createNativeQuery("DELETE FROM " + schema
                                        + ".inbox WHERE consumer = :consumer")
                                .setParameter("consumer", TimelineEventHandler.CONSUMER).executeUpdate());
                    })));
        } catch (Throwable e) {
            throw new IllegalStateException("could not clear the read model", e);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (ConsumerConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "escalation-rebuild");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
