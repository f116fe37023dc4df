package org.gridloop.platform.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;

import java.time.Instant;

/** One event waiting to be published: its topic, key and CloudEvents attributes, and its payload as JSON. */
@Entity
@Table(name = "outbox")
public class OutboxRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true, length = 64)
    public String eventId;

    @Column(nullable = false, length = 200)
    public String topic;

    @Column(name = "record_key", length = 200)
    public String recordKey;

    @Column(name = "event_type", nullable = false, length = 200)
    public String eventType;

    @Column(nullable = false, length = 200)
    public String source;

    @Column(name = "event_time")
    public Instant eventTime;

    public String actor;

    @Column(name = "actor_role")
    public String actorRole;

    /** The event's data, JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static OutboxRecord of(CloudEvent<?> event) {
        OutboxRecord record = new OutboxRecord();
        record.eventId = event.id();
        record.topic = event.topic();
        record.recordKey = event.subject();
        record.eventType = event.type();
        record.source = event.source();
        record.eventTime = event.time();
        record.actor = event.actor();
        record.actorRole = event.actorrole();
        record.payload = new String(EventCodec.data(event), java.nio.charset.StandardCharsets.UTF_8);
        record.createdAt = Instant.now();
        return record;
    }
}
