package org.gridloop.escalation;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.EventType;
import org.gridloop.infra.SharedInfra;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Produces events to the real broker as the other services would: CloudEvents JSON, keyed by request id. */
final class TestEvents implements AutoCloseable {

    static final Actor WORKER = new Actor("wang", "grid-worker");

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafka().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
            new StringSerializer(), new StringSerializer());

    static String newRequestId() {
        return "REQ-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** An event of {@code type} that happened at {@code time}. */
    static <T> CloudEvent<T> event(EventType<T> type, String requestId, Actor actor, Instant time, T payload) {
        CloudEvent<T> e = CloudEvent.of(type, "/test", requestId, actor, payload);
        return new CloudEvent<>(e.specversion(), e.id(), e.source(), e.type(), e.subject(), time,
                e.datacontenttype(), e.actor(), e.actorrole(), e.data());
    }

    void send(CloudEvent<?> event) {
        send(event.topic(), event.subject(), EventCodec.encode(event));
    }

    void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
