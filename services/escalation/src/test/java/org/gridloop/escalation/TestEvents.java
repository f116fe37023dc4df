package org.gridloop.escalation;

import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.infra.EventTopics;

import java.time.Instant;
import java.util.UUID;

/** Produces events to the real broker as the other services would: CloudEvents binary mode, keyed by request id. */
final class TestEvents implements AutoCloseable {

    static final Actor WORKER = new Actor("wang", "grid-worker");

    private final EventTopics producer = EventTopics.producer();

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
        producer.send(event);
    }

    /** A record without CloudEvents headers, this text as its value. */
    void send(String topic, String key, String value) {
        producer.sendRaw(topic, key, value);
    }

    @Override
    public void close() {
        producer.close();
    }
}
