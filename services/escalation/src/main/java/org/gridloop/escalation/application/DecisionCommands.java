package org.gridloop.escalation.application;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.domain.SupervisorTask;
import org.gridloop.escalation.process.EscalationEventPublisher;
import org.gridloop.escalation.rest.DecisionBody;
import org.gridloop.platform.outbox.Outbox;
import org.gridloop.platform.rest.ProblemException;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * A supervisor decides an open escalation: the decision, the closed supervisor task and {@code escalation.decided}
 * commit in one transaction; the process correlates the event and ends the escalation (DECIDED).
 */
@ApplicationScoped
public class DecisionCommands {

    @Inject
    Outbox outbox;

    public Uni<Escalation> decide(String id, DecisionBody body, Actor actor, Predicate<String> coversUnit,
                                  Predicate<String> coversGrid) {
        return outbox.transaction(() -> Escalation.<Escalation>findById(id).chain(e -> {
            if (e == null || !coversGrid.test(e.gridCode)) {
                throw ProblemException.notFound("no escalation " + id);
            }
            if (!Escalation.OPEN.equals(e.status)) {
                throw ProblemException.conflict("escalation " + id + " is " + e.status + " already");
            }
            if (!coversUnit.test(e.unit)) {
                throw ProblemException.forbidden("the escalation is at " + e.level + " (" + e.unit
                        + "), above the caller's unit");
            }
            String decision = body.decision();
            String department = body.department() != null ? body.department() : e.department;
            if (("NEW_DEADLINE".equals(decision) || "REASSIGN".equals(decision)) && department == null) {
                throw ProblemException.badField("department", "required for " + decision);
            }
            if ("NEW_DEADLINE".equals(decision)
                    && (body.newDeadline() == null || !body.newDeadline().isAfter(Instant.now()))) {
                throw ProblemException.badField("newDeadline", "a time in the future is required for NEW_DEADLINE");
            }
            if ("REASSIGN".equals(decision)
                    && (body.toDepartment() == null || body.toDepartment().equals(department))) {
                throw ProblemException.badField("toDepartment", "another department is required for REASSIGN");
            }
            Instant now = Instant.now();
            e.status = Escalation.DECIDED;
            e.decision = decision;
            e.decidedBy = actor.id();
            e.decidedAt = now;
            e.decidedLevel = e.level;
            e.newDeadline = "NEW_DEADLINE".equals(decision) ? body.newDeadline() : null;
            e.toDepartment = "REASSIGN".equals(decision) ? body.toDepartment() : null;
            e.decisionNote = body.note();
            CloudEvent<EscalationEvents.Decided> event = CloudEvent.of(EventTypes.ESCALATION_DECIDED,
                    EscalationEventPublisher.SOURCE, e.requestId, actor,
                    new EscalationEvents.Decided(e.requestId, e.id, e.level, e.unit, actor.id(), decision,
                            department, e.toDepartment, e.newDeadline, body.note()));
            return SupervisorTask.update("status = ?1, closedAt = ?2 where escalationId = ?3 and status = ?4",
                            SupervisorTask.DECIDED, now, e.id, SupervisorTask.OPEN)
                    .chain(() -> outbox.add(event))
                    .replaceWith(e);
        }));
    }
}
