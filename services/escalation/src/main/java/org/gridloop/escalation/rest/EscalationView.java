package org.gridloop.escalation.rest;

import org.gridloop.contracts.EscalationEndReason;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.domain.SupervisorTask;

import java.time.Instant;
import java.util.List;

/**
 * An escalation and the supervisor task of every level it reached, oldest first; {@code repeats}: how many more
 * triggers of the same kind arrived while it was open; {@code departmentUnit}: the stalled department's unit as
 * report-in named it (where the escalation entered follows it); {@code raisedOnPurpose}: who raised it from which
 * unit and why (SUPERVISOR_RAISED), else null.
 */
public record EscalationView(String escalationId, String requestId, String trigger, String department,
                             String gridCode, String level, String unit, Instant due, String status, Instant raisedAt,
                             int repeats, Decision decision, Instant endedAt, EscalationEndReason endReason, List<Task> tasks,
                             String departmentUnit, RaisedOnPurpose raisedOnPurpose) {

    public record RaisedOnPurpose(String supervisor, String unit, String note) {
    }

    public record Decision(String decision, String supervisor, String level, Instant decidedAt, Instant newDeadline,
                           String toDepartment, String note) {
    }

    public record Task(String level, String unit, String status, Instant openedAt, Instant due, Instant closedAt) {
    }

    public static EscalationView of(Escalation e, List<SupervisorTask> tasks) {
        return new EscalationView(e.id, e.requestId, e.trigger, e.department, e.gridCode, e.level, e.unit, e.due,
                e.status, e.raisedAt, e.repeats,
                e.decision == null ? null : new Decision(e.decision, e.decidedBy, e.decidedLevel, e.decidedAt,
                        e.newDeadline, e.toDepartment, e.decisionNote),
                e.endedAt, e.endReason,
                tasks.stream().map(t -> new Task(t.level, t.unit, t.status, t.openedAt, t.due, t.closedAt)).toList(),
                e.departmentUnit,
                e.raisedBy == null ? null : new RaisedOnPurpose(e.raisedBy, e.raisedFrom, e.raiseNote));
    }
}
