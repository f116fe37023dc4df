package org.gridloop.escalation;

import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.Topics;

import java.time.Instant;
import java.util.UUID;

/** Events as the other services would produce them, at a chosen time (send them with {@code EventTopics}). */
final class TestEvents {

    static final Actor WORKER = new Actor("wang", "grid-worker");

    private TestEvents() {
    }

    static String newRequestId() {
        return "REQ-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** An event of {@code type} that happened at {@code time}. */
    static <T> CloudEvent<T> event(EventType<T> type, String requestId, Actor actor, Instant time, T payload) {
        // written as the topic's owner writes it: the consumers dead-letter any other producer
        CloudEvent<T> e = CloudEvent.of(type, Topics.owner(type.topic()).orElseThrow(), requestId, actor, payload);
        return new CloudEvent<>(e.specversion(), e.id(), e.source(), e.type(), e.subject(), time,
                e.datacontenttype(), e.actor(), e.actorrole(), e.data());
    }
}
