package org.gridloop.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event. {@code subject} is the request id (also the Kafka key); {@code actor} and
 * {@code actorrole} are extension attributes naming who caused the event; {@code traceparent} is the W3C trace
 * context of the step that produced it (the CloudEvents distributed-tracing extension), null when tracing is off.
 * On Kafka it travels in binary content mode ({@link EventCodec}).
 */
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String actor,
        String actorrole,
        T data,
        String traceparent) {

    public static final String SPEC_VERSION = "1.0";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
    }

    /** An event without trace context. */
    public CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                      String datacontenttype, String actor, String actorrole, T data) {
        this(specversion, id, source, type, subject, time, datacontenttype, actor, actorrole, data, null);
    }

    /** A new event with a random id, stamped now. */
    public static <T> CloudEvent<T> of(EventType<T> type, String source, String subject, Actor actor, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type.name(), subject,
                Instant.now(), "application/json", actor.id(), actor.role(), data);
    }

    /** The same as {@link #of} with a caller-chosen id, for events that must be produced at most once per cause. */
    public static <T> CloudEvent<T> withId(String id, EventType<T> type, String source, String subject, Actor actor,
                                           T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type.name(), subject, Instant.now(), "application/json",
                actor.id(), actor.role(), data);
    }

    public String topic() {
        return EventTypes.require(type).topic();
    }

    /** Every attribute but the payload. */
    public Attributes attributes() {
        return new Attributes(id, source, type, subject, time, actor, actorrole, traceparent);
    }

    /**
     * The attributes of an event, as the outbox stores them beside the payload and Kafka carries them in
     * {@code ce_*} headers ({@code actor} and {@code actorrole} are extensions).
     */
    public record Attributes(String id, String source, String type, String subject, Instant time, String actor,
                             String actorRole, String traceparent) {

        /** Attributes without trace context. */
        public Attributes(String id, String source, String type, String subject, Instant time, String actor,
                          String actorRole) {
            this(id, source, type, subject, time, actor, actorRole, null);
        }
    }
}
