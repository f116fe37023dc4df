package org.gridloop.escalation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEndReason;
import org.gridloop.contracts.UnitCodes;

import java.time.Instant;
import java.util.Objects;

/**
 * One escalation as supervisors act on it: the case, why it was raised, the level and unit whose supervisors must
 * decide by {@code due}, and what was decided. The driver opens it when a limit is missed, the process's adapters
 * move it (raised, lifted, ended) and a supervisor's decision closes it, each in the transaction of its step; the
 * read endpoints read it with Hibernate Reactive.
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

    /** The stalled department; null when the trigger concerns no department. */
    public String department;

    @Column(name = "grid_code", nullable = false)
    public String gridCode;

    @Column(nullable = false)
    public String level;

    @Column(nullable = false)
    public String unit;

    @Column(nullable = false)
    public Instant due;

    /** OPEN, DECIDED (a supervisor decided; ended in the same step) or ENDED. */
    @Column(nullable = false)
    public String status;

    @Column(name = "raised_at", nullable = false)
    public Instant raisedAt;

    /** How many more triggers of the same kind arrived while it was open. */
    public int repeats;

    /** The {@link EscalationDecision}'s name, once decided. */
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

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason")
    public EscalationEndReason endReason;

    /** The stalled department's unit (a district's code, or the city's) as report-in named it; null if none. */
    @Column(name = "department_unit")
    public String departmentUnit;

    /** SUPERVISOR_RAISED: the unit whose supervisor raised the case on purpose, who, and why. */
    @Column(name = "raised_from")
    public String raisedFrom;

    @Column(name = "raised_by")
    public String raisedBy;

    @Column(name = "raise_note")
    public String raiseNote;

    @Version
    public long version;

    /**
     * A new escalation of a case, not yet on a level: the process decides where it enters the ladder
     * (escalation-entry.dmn) and raises it there next. {@code departmentUnit}: the stalled department's unit, if the
     * trigger named one.
     */
    public static Escalation open(String id, String requestId, Trigger trigger, String department,
                                  String departmentUnit, String gridCode, Instant at) {
        Escalation e = new Escalation();
        e.id = id;
        e.requestId = requestId;
        e.trigger = trigger.name();
        e.department = department;
        e.departmentUnit = departmentUnit;
        e.gridCode = gridCode;
        e.status = OPEN;
        e.raisedAt = at;
        return e;
    }

    /** 上提一级 on purpose: a supervisor of {@code unit} raises the case, with the reason; it enters above the unit. */
    public static Escalation raisedOnPurpose(String id, String requestId, String gridCode, String unit,
                                             String supervisor, String note, Instant at) {
        Escalation e = open(id, requestId, Trigger.SUPERVISOR_RAISED, null, null, gridCode, at);
        e.raisedFrom = unit;
        e.raisedBy = supervisor;
        e.raiseNote = note;
        return e;
    }

    /**
     * The level of whoever raised the case on purpose: the grid (RAISED, request.raised), the supervisor's unit
     * (SUPERVISOR_RAISED); null when a missed limit opened it.
     */
    public UnitCodes.Level raiserLevel() {
        if (Trigger.RAISED.name().equals(trigger)) {
            return UnitCodes.Level.GRID;
        }
        return raisedFrom == null ? null : UnitCodes.level(raisedFrom);
    }

    /** The level of the stalled department's unit (DISTRICT or CITY for the directory's); null if none named. */
    public UnitCodes.Level departmentLevel() {
        return departmentUnit == null || !UnitCodes.isUnitCode(departmentUnit) ? null
                : UnitCodes.level(departmentUnit);
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** Whether this escalation stands for that trigger of that department (null: none). */
    public boolean concerns(Trigger t, String dept) {
        return trigger.equals(t.name()) && Objects.equals(department, dept);
    }

    /** The same trigger again while open: only counted. */
    public void repeated() {
        repeats++;
    }

    /** The case is now at {@code level}: its unit's supervisors decide by {@code until}. */
    public void reach(UnitCodes.Level at, String unitCode, Instant until) {
        level = at.name();
        unit = unitCode;
        due = until;
    }

    public UnitCodes.Level currentLevel() {
        return UnitCodes.Level.valueOf(level);
    }

    /** A supervisor's decision at the current level. */
    public void decide(EscalationDecision what, String supervisor, Instant at, Instant deadline, String to,
                       String note) {
        status = DECIDED;
        decision = what.name();
        decidedBy = supervisor;
        decidedAt = at;
        decidedLevel = level;
        newDeadline = deadline;
        toDepartment = to;
        decisionNote = note;
    }

    /** Over: DECIDED, RESOLVED (the case moved on) or CLOSED (the case closed). */
    public void end(EscalationEndReason reason, Instant at) {
        status = ENDED;
        endReason = reason;
        endedAt = at;
    }
}
