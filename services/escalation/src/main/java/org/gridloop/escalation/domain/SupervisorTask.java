package org.gridloop.escalation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The supervisor task of one level an escalation reached: OPEN, then DECIDED, LIFTED (unanswered) or CLOSED. */
@Entity
@Table(name = "supervisor_task")
public class SupervisorTask extends PanacheEntityBase {

    public static final String OPEN = "OPEN";
    public static final String DECIDED = "DECIDED";
    public static final String LIFTED = "LIFTED";
    public static final String CLOSED = "CLOSED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "escalation_id", nullable = false)
    public String escalationId;

    @Column(nullable = false)
    public String level;

    @Column(nullable = false)
    public String unit;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(nullable = false)
    public Instant due;

    @Column(nullable = false)
    public String status;

    @Column(name = "closed_at")
    public Instant closedAt;
}
