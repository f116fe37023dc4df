package org.gridloop.escalation.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.domain.SupervisorTask;
import org.gridloop.escalation.process.EscalationProcess;
import org.gridloop.escalation.repository.Escalations;
import org.gridloop.escalation.repository.SupervisorTasks;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.outbox.EventsConfig;
import org.gridloop.platform.outbox.JdbcOutbox;
import org.gridloop.platform.rest.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * A supervisor decides an open escalation, as one step: the escalation is locked, the decision written, the
 * supervisor task closed, {@code escalation.decided} added to the outbox and the process's decided message
 * correlated, so the process ends the escalation (DECIDED, {@code escalation.ended}) in the same commit and the
 * answer already shows it ended.
 */
@ApplicationScoped
public class DecisionCommands {

    /** What the supervisor decided (see {@code rest/DecisionBody} for the rules of each decision). */
    public record Decide(String escalationId, EscalationDecision decision, String department, String toDepartment,
                         Instant newDeadline, String note, List<String> departments) {
    }

    /** Who decides: their id on the events, and which units and grids their scope covers. */
    public record Supervisor(Actor actor, Predicate<String> coversUnit, Predicate<String> coversGrid) {
    }

    /** The escalation after the step, with the task of every level it reached. */
    public record Decided(Escalation escalation, List<SupervisorTask> tasks) {
    }

    private final Steps steps;
    private final Escalations escalations;
    private final SupervisorTasks tasks;
    private final EscalationProcess process;
    private final JdbcOutbox outbox;
    private final String source;

    DecisionCommands(Steps steps, Escalations escalations, SupervisorTasks tasks, EscalationProcess process,
                     JdbcOutbox outbox, EventsConfig events) {
        this.steps = steps;
        this.escalations = escalations;
        this.tasks = tasks;
        this.process = process;
        this.outbox = outbox;
        this.source = events.source();
    }

    /**
     * 404 when the escalation is not under the supervisor's unit, 409 when it is not open any more, 403 when it is
     * at a level above the supervisor's unit, 400 field by field for a decision that lacks what it needs.
     */
    public Decided decide(Decide command, Supervisor supervisor) {
        return steps.run(() -> {
            Escalation e = escalations.forUpdate(command.escalationId())
                    .filter(found -> supervisor.coversGrid().test(found.gridCode))
                    .orElseThrow(() -> ProblemException.notFound("no escalation " + command.escalationId()));
            if (!e.isOpen()) {
                throw ProblemException.conflict("escalation " + e.id + " is " + e.status + " already");
            }
            if (!supervisor.coversUnit().test(e.unit)) {
                throw ProblemException.forbidden("the escalation is at " + e.level + " (" + e.unit
                        + "), above the caller's unit");
            }
            String department = command.department() != null ? command.department() : e.department;
            validate(command, department);
            Instant now = Instant.now();
            EscalationDecision decision = command.decision();
            if (decision == EscalationDecision.RAISE) {
                return raise(e, command, supervisor);
            }
            e.decide(decision, supervisor.actor().id(), now,
                    decision == EscalationDecision.NEW_DEADLINE ? command.newDeadline() : null,
                    decision == EscalationDecision.REASSIGN ? command.toDepartment() : null, command.note());
            tasks.closeOpen(e.id, SupervisorTask.DECIDED, now);
            outbox.add(CloudEvent.of(EventTypes.ESCALATION_DECIDED, source, e.requestId, supervisor.actor(),
                    new EscalationEvents.Decided(e.requestId, e.id, e.level, e.unit, supervisor.actor().id(),
                            decision, department, e.toDepartment, e.newDeadline, command.note(),
                            decision == EscalationDecision.COORDINATE ? command.departments().stream().distinct()
                                    .toList() : List.of())));
            process.decided(e);
            return new Decided(e, tasks.of(e.id));
        });
    }

    /**
     * 上提一级 on purpose: announced as a decision (who, why) and lifted to the next level by the process in this
     * step; the escalation stays open there. The city is the top: nothing above it (409).
     */
    private Decided raise(Escalation e, Decide command, Supervisor supervisor) {
        if (UnitCodes.above(e.currentLevel()) == null) {
            throw ProblemException.conflict("escalation " + e.id + " is at the city: no level above it");
        }
        outbox.add(CloudEvent.of(EventTypes.ESCALATION_DECIDED, source, e.requestId, supervisor.actor(),
                new EscalationEvents.Decided(e.requestId, e.id, e.level, e.unit, supervisor.actor().id(),
                        EscalationDecision.RAISE, e.department, null, null, command.note())));
        process.raised(e);
        return new Decided(e, tasks.of(e.id));
    }

    private static void validate(Decide command, String department) {
        EscalationDecision decision = command.decision();
        if (decision == EscalationDecision.RAISE && (command.note() == null || command.note().isBlank())) {
            throw ProblemException.badField("note", "say why this level cannot solve it, for RAISE");
        }
        if (decision.movesDepartment() && department == null) {
            throw ProblemException.badField("department", "required for " + decision);
        }
        if (decision == EscalationDecision.NEW_DEADLINE
                && (command.newDeadline() == null || !command.newDeadline().isAfter(Instant.now()))) {
            throw ProblemException.badField("newDeadline", "a time in the future is required for NEW_DEADLINE");
        }
        if (decision == EscalationDecision.COORDINATE && command.departments().isEmpty()) {
            throw ProblemException.badField("departments", "name the departments to convene for COORDINATE");
        }
        if (decision == EscalationDecision.REASSIGN
                && (command.toDepartment() == null || command.toDepartment().equals(department))) {
            throw ProblemException.badField("toDepartment", "another department is required for REASSIGN");
        }
    }
}
