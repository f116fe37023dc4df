package org.gridloop.escalation.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.domain.SupervisorTask;
import org.gridloop.platform.inbox.Inbox;

import java.time.Instant;

/**
 * Applies the process's escalation events to the escalation and its supervisor tasks, in one Hibernate Reactive
 * transaction with the inbox row. A supervisor's decision was written by the decision request already; the
 * {@code decided} event only fills in what is missing (a decision made elsewhere).
 */
@ApplicationScoped
public class EscalationStateHandler {

    static final String CONSUMER = "escalation.state";

    @Inject
    Inbox inbox;

    public Uni<Void> handle(CloudEvent<?> event) {
        Object data = event.data();
        if (!(data instanceof EscalationEvents.Raised || data instanceof EscalationEvents.Lifted
                || data instanceof EscalationEvents.Decided || data instanceof EscalationEvents.Ended)) {
            return Uni.createFrom().voidItem();
        }
        Instant at = event.time() != null ? event.time() : Instant.now();
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event).chain(first -> first
                ? apply(data, at) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(Object data, Instant at) {
        if (data instanceof EscalationEvents.Raised r) {
            return Escalation.<Escalation>findById(r.escalationId()).chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().voidItem();
                }
                Escalation e = new Escalation();
                e.id = r.escalationId();
                e.requestId = r.requestId();
                e.trigger = r.trigger();
                e.department = r.department();
                e.gridCode = r.gridCode();
                e.level = r.level();
                e.unit = r.unit();
                e.due = r.due();
                e.status = Escalation.OPEN;
                e.raisedAt = at;
                return e.persist().chain(() -> task(e.id, r.level(), r.unit(), at, r.due(), SupervisorTask.OPEN)
                        .persist()).replaceWithVoid();
            });
        }
        if (data instanceof EscalationEvents.Lifted l) {
            return Escalation.<Escalation>findById(l.escalationId()).chain(e -> {
                if (e == null) {
                    throw new IllegalStateException("lifted before raised: " + l.escalationId());
                }
                e.level = l.level();
                e.unit = l.unit();
                e.due = l.due();
                String status = Escalation.OPEN.equals(e.status) ? SupervisorTask.OPEN : SupervisorTask.CLOSED;
                return closeTasks(e.id, SupervisorTask.LIFTED, at)
                        .chain(() -> task(e.id, l.level(), l.unit(), at, l.due(), status).persist())
                        .replaceWithVoid();
            });
        }
        if (data instanceof EscalationEvents.Decided d) {
            return Escalation.<Escalation>findById(d.escalationId()).chain(e -> {
                if (e == null) {
                    throw new IllegalStateException("decided before raised: " + d.escalationId());
                }
                if (e.decision == null) {
                    e.decision = d.decision();
                    e.decidedBy = d.supervisor();
                    e.decidedAt = at;
                    e.decidedLevel = d.level();
                    e.newDeadline = d.newDeadline();
                    e.toDepartment = d.toDepartment();
                    e.decisionNote = d.note();
                }
                if (Escalation.OPEN.equals(e.status)) {
                    e.status = Escalation.DECIDED;
                }
                return closeTasks(e.id, SupervisorTask.DECIDED, at);
            });
        }
        EscalationEvents.Ended end = (EscalationEvents.Ended) data;
        return Escalation.<Escalation>findById(end.escalationId()).chain(e -> {
            if (e == null) {
                throw new IllegalStateException("ended before raised: " + end.escalationId());
            }
            e.status = Escalation.ENDED;
            e.endReason = end.reason();
            e.endedAt = at;
            return closeTasks(e.id, SupervisorTask.CLOSED, at);
        });
    }

    static Uni<Void> closeTasks(String escalationId, String status, Instant at) {
        return SupervisorTask.update("status = ?1, closedAt = ?2 where escalationId = ?3 and status = ?4",
                status, at, escalationId, SupervisorTask.OPEN).replaceWithVoid();
    }

    static SupervisorTask task(String escalationId, String level, String unit, Instant at, Instant due,
                               String status) {
        SupervisorTask t = new SupervisorTask();
        t.escalationId = escalationId;
        t.level = level;
        t.unit = unit;
        t.openedAt = at;
        t.due = due;
        t.status = status;
        if (!SupervisorTask.OPEN.equals(status)) {
            t.closedAt = at;
        }
        return t;
    }
}
