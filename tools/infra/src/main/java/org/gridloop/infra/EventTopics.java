package org.gridloop.infra;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.PoisonEventException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The tests' one way to talk to the real broker as another service would (SmallRye's {@link KafkaCompanion}
 * underneath): produce events (CloudEvents binary mode, keyed by request id) or raw records, and watch topics from
 * the beginning, decoding the events of one request. Services' tests add the companion as a test dependency.
 *
 * <p>How to read: wait for a positive marker (the event that comes last, e.g. the request's {@code closed}; one
 * request's events share a partition, so everything before it was read too), then assert exact counts and order.
 * To show that something did not happen, wait for an event that would come after it, then assert its absence.
 * Never sleep, then read.
 */
public final class EventTopics implements AutoCloseable {

    private final KafkaCompanion companion;
    private final ConsumerTask<String, byte[]> watched;

    private EventTopics(String bootstrapServers, Set<String> topics) {
        companion = new KafkaCompanion(bootstrapServers);
        watched = topics.isEmpty() ? null : companion.consume(Serdes.String(), Serdes.ByteArray())
                .withGroupId("test-watcher-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .withProp("metadata.max.age.ms", 1000)
                .fromTopics(topics);
    }

    /** Watches these topics from their beginning until closed. */
    public static EventTopics watch(String... topics) {
        return new EventTopics(SharedInfra.get().kafka().bootstrapServers(), Set.of(topics));
    }

    /** A producer only. */
    public static EventTopics producer() {
        return new EventTopics(SharedInfra.get().kafka().bootstrapServers(), Set.of());
    }

    /** Sends an event as its owning service's relay would, and waits for the broker's acknowledgement. */
    public void send(CloudEvent<?> event) {
        send(EventCodec.record(event));
    }

    public void send(ProducerRecord<String, byte[]> record) {
        companion.produce(Serdes.String(), Serdes.ByteArray()).fromRecords(record).awaitCompletion();
    }

    /** A record with no CloudEvents headers and this text as its value: what a foreign or broken producer sends. */
    public void sendRaw(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Every event of this request seen so far on the watched topics, in the order read; poison records skipped. */
    public List<CloudEvent<?>> events(String requestId) {
        return watched.getRecords().stream().filter(r -> requestId.equals(r.key())).map(EventTopics::decode)
                .filter(java.util.Objects::nonNull).<CloudEvent<?>>map(e -> e).toList();
    }

    /** The events of this type of this request seen so far. */
    @SuppressWarnings("unchecked")
    public <T> List<CloudEvent<T>> events(String requestId, EventType<T> type) {
        return events(requestId).stream().filter(e -> e.type().equals(type.name())).map(e -> (CloudEvent<T>) e)
                .toList();
    }

    /** The payloads of this type of this request seen so far. */
    public <T> List<T> payloads(String requestId, EventType<T> type) {
        return events(requestId, type).stream().map(CloudEvent::data).toList();
    }

    public long count(String requestId, EventType<?> type) {
        return events(requestId).stream().filter(e -> e.type().equals(type.name())).count();
    }

    /** Every raw record read so far (poison included). */
    public List<ConsumerRecord<String, byte[]>> records() {
        return watched.getRecords();
    }

    private static CloudEvent<?> decode(ConsumerRecord<String, byte[]> record) {
        try {
            return EventCodec.decode(record.headers(), record.value());
        } catch (PoisonEventException poison) {
            return null; // a poison record a test planted: not an event
        }
    }

    /** How long a test waits for the asynchronous part of the loop. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    @Override
    public void close() {
        if (watched != null) {
            watched.stop();
        }
        companion.close();
    }
}
