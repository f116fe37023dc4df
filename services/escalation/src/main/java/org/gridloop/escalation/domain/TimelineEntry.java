package org.gridloop.escalation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/** One step of a case's timeline: an applied event, who caused it, when, and its detail as a code and parameters. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public String eventId;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    /** {@link Stage#code()} */
    @Column(nullable = false)
    public String stage;

    public String actor;

    @Column(name = "actor_role")
    public String actorRole;

    public String department;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** {@link TimelineDetail#code()} */
    @Column(name = "detail_code", nullable = false)
    public String detailCode;

    /** {@link TimelineDetail#params()} as a JSON object (read as text: the view parses it). */
    @Column(name = "detail_params", nullable = false)
    @ColumnTransformer(read = "detail_params::text")
    public String detailParams;
}
