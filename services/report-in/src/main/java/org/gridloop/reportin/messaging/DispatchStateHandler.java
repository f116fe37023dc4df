package org.gridloop.reportin.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.platform.inbox.Inbox;
import org.gridloop.platform.outbox.Outbox;
import org.gridloop.reportin.application.DispatchCommands;
import org.gridloop.reportin.application.Limits;
import org.gridloop.reportin.application.Rerouting;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.domain.DispatchNote;
import org.gridloop.reportin.domain.DispatchStatus;
import org.gridloop.reportin.process.LimitMissedAdapter;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Applies the whistles (what to fix, where), what the process decided (who is called, limits missed, resolved) and
 * the escalation decisions (a new deadline, a reassignment, coordination, a closing by order) to the dispatch
 * records the departments work from. The whistle and dispatch.started travel on different topics, so whichever
 * comes first creates the dispatch. Idempotent through the inbox and the status rules.
 */
@ApplicationScoped
public class DispatchStateHandler {

    static final String CONSUMER = "report-in.state";
    private static final Logger LOG = Logger.getLogger(DispatchStateHandler.class);

    @Inject
    Inbox inbox;

    @Inject
    Outbox outbox;

    @Inject
    Limits limits;

    public Uni<Void> handle(CloudEvent<?> event) {
        Object data = event.data();
        if (!(data instanceof RequestEvents.Whistled || data instanceof DispatchEvents.Started
                || data instanceof DispatchEvents.LimitMissed || data instanceof DispatchEvents.Resolved
                || data instanceof EscalationEvents.Decided)) {
            return Uni.createFrom().voidItem();
        }
        // a closing by order adds dispatch.resolved to the outbox: the transaction wakes the relay
        return outbox.transaction(() -> inbox.firstDelivery(CONSUMER, event)
                .chain(first -> first ? apply(event, data) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(CloudEvent<?> event, Object data) {
        Instant at = event.time() == null ? Instant.now() : event.time();
        if (data instanceof RequestEvents.Whistled whistled) {
            return dispatch(whistled.requestId(), whistled.round()).invoke(d -> {
                d.category = whistled.category();
                d.description = whistled.description();
                d.gridCode = whistled.gridCode();
                if (whistled.location() != null) {
                    d.latitude = whistled.location().latitude();
                    d.longitude = whistled.location().longitude();
                    d.address = whistled.location().address();
                }
            }).replaceWithVoid();
        }
        if (data instanceof DispatchEvents.Started started) {
            return dispatch(started.requestId(), started.round()).invoke(d -> {
                d.category = started.category();
                d.gridCode = started.gridCode();
                d.district = started.district();
                d.fallback = started.fallback();
                // both limits were counted from the same instant: this is the round's resolution limit
                started.departments().stream().findFirst().ifPresent(first -> d.resolveLimitMs =
                        Duration.between(first.reportInDue(), first.resolveDue()).plus(limits.reportIn()).toMillis());
            }).chain(d -> {
                // one session, one operation at a time: the departments one after the other
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (DispatchEvents.CalledDepartment called : started.departments()) {
                    chain = chain.chain(() -> assignment(started, called)).replaceWithVoid();
                }
                return chain;
            });
        }
        if (data instanceof DispatchEvents.LimitMissed missed) {
            return DepartmentAssignment.<DepartmentAssignment>findById(
                    DepartmentAssignment.id(missed.requestId(), missed.round(), missed.department()))
                    .invoke(a -> {
                        if (a == null) {
                            return;
                        }
                        if (LimitMissedAdapter.REPORT_IN.equals(missed.limit())) {
                            a.reportInMissed = true;
                        } else if (LimitMissedAdapter.RESOLUTION.equals(missed.limit())) {
                            a.resolutionMissed = true;
                        }
                    }).replaceWithVoid();
        }
        if (data instanceof EscalationEvents.Decided decided) {
            return escalationDecided(decided, at);
        }
        DispatchEvents.Resolved resolved = (DispatchEvents.Resolved) data;
        return dispatch(resolved.requestId(), resolved.round()).invoke(d -> d.resolve(at)).replaceWithVoid();
    }

    /** What a supervisor decided on an escalated case, applied to the request's current round. */
    private Uni<Void> escalationDecided(EscalationEvents.Decided decided, Instant at) {
        Actor supervisor = new Actor(decided.supervisor() == null ? "supervisor" : decided.supervisor(), "supervisor");
        return Dispatch.<Dispatch>find("requestId = ?1 order by round desc", decided.requestId()).firstResult()
                .chain(dispatch -> {
                    if (dispatch == null || dispatch.status != DispatchStatus.OPEN) {
                        LOG.infof("escalation %s of %s: no open dispatch", decided.decision(), decided.requestId());
                        return Uni.createFrom().voidItem();
                    }
                    String note = decided.note();
                    return switch (decided.decision() == null ? "" : decided.decision()) {
                        case "ORDER_CLOSING" -> DispatchCommands.closeByOrder(dispatch, note, supervisor, outbox)
                                .replaceWithVoid();
                        case "NEW_DEADLINE" -> current(dispatch, decided.department()).chain(a -> {
                            if (a == null || !a.status.open() || decided.newDeadline() == null) {
                                return Uni.createFrom().voidItem();
                            }
                            a.newDeadline(decided.newDeadline());
                            return journal(dispatch, decided, DispatchNote.NEW_DEADLINE,
                                    "until " + decided.newDeadline() + (note == null ? "" : ": " + note), at);
                        });
                        case "REASSIGN" -> current(dispatch, decided.department()).chain(a -> {
                            String to = decided.toDepartment();
                            if (a == null || !a.status.open() || to == null || to.isBlank()) {
                                return Uni.createFrom().voidItem();
                            }
                            return DepartmentAssignment.<DepartmentAssignment>findById(
                                            DepartmentAssignment.id(dispatch.requestId, dispatch.round, to))
                                    .chain(existing -> existing != null ? Uni.createFrom().voidItem()
                                            : Rerouting.reroute(dispatch, a, to, at, limits)
                                            .chain(() -> journal(dispatch, decided, DispatchNote.REASSIGN,
                                                    "to " + to + (note == null ? "" : ": " + note), at)));
                        });
                        case "COORDINATE" -> journal(dispatch, decided, DispatchNote.COORDINATE, note, at);
                        default -> Uni.createFrom().voidItem();
                    };
                });
    }

    private static Uni<Void> journal(Dispatch dispatch, EscalationEvents.Decided decided, String kind, String text,
                                     Instant at) {
        return DispatchNote.of(dispatch.requestId, dispatch.round, decided.department(), kind, text,
                decided.supervisor(), at).persist().replaceWithVoid();
    }

    private static Uni<DepartmentAssignment> current(Dispatch dispatch, String department) {
        return department == null ? Uni.createFrom().nullItem() : DepartmentAssignment.findById(
                DepartmentAssignment.id(dispatch.requestId, dispatch.round, department));
    }

    private static Uni<Dispatch> dispatch(String requestId, int round) {
        return Dispatch.<Dispatch>findById(Dispatch.id(requestId, round))
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        : Dispatch.open(requestId, round).<Dispatch>persist());
    }

    private static Uni<DepartmentAssignment> assignment(DispatchEvents.Started started,
                                                        DispatchEvents.CalledDepartment called) {
        String id = DepartmentAssignment.id(started.requestId(), started.round(), called.department());
        return DepartmentAssignment.<DepartmentAssignment>findById(id)
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        : DepartmentAssignment.called(started.requestId(), started.round(), called.department(),
                                called.role(), called.reportInDue(), called.resolveDue()).persist());
    }
}
