package org.gridloop.escalation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * One escalation as supervisors act on it: the case, why it was raised, the level and unit whose supervisors must
 * decide by {@code due}, and what was decided. Opened by {@code escalation.raised}, moved by {@code lifted}, closed
 * by a supervisor's decision (written here with its {@code escalation.decided} in one transaction) and by
 * {@code escalation.ended}.
 */
@Entity
@Table(name = "escalation")
public class Escalation extends PanacheEntityBase {

    public static final String OPEN = "OPEN";
    public static final String DECIDED = "DECIDED";
    public static final String ENDED = "ENDED";

    @Id
    public String id;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    @Column(name = "trigger_name", nullable = false)
    public String trigger;

    public String department;

    @Column(name = "grid_code", nullable = false)
    public String gridCode;

    @Column(nullable = false)
    public String level;

    @Column(nullable = false)
    public String unit;

    @Column(nullable = false)
    public Instant due;

    /** OPEN, DECIDED (a supervisor decided; the process ends it next) or ENDED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    public String decision;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_level")
    public String decidedLevel;

    @Column(name = "new_deadline")
    public Instant newDeadline;

    @Column(name = "to_department")
    public String toDepartment;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;

    @Version
    public long version;
}
