package org.gridloop.reportin.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.platform.inbox.Inbox;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.process.LimitMissedAdapter;

import java.time.Instant;

/**
 * Applies the whistles (what to fix, where) and what the process decided (who is called, limits missed, resolved)
 * to the dispatch records the departments work from. The whistle and dispatch.started travel on different topics,
 * so whichever comes first creates the dispatch. Idempotent through the inbox and the status rules.
 */
@ApplicationScoped
public class DispatchStateHandler {

    static final String CONSUMER = "report-in.state";

    @Inject
    Inbox inbox;

    public Uni<Void> handle(CloudEvent<?> event) {
        Object data = event.data();
        if (!(data instanceof RequestEvents.Whistled || data instanceof DispatchEvents.Started
                || data instanceof DispatchEvents.LimitMissed || data instanceof DispatchEvents.Resolved)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event)
                .chain(first -> first ? apply(event, data) : Uni.createFrom().voidItem()));
    }

    private Uni<Void> apply(CloudEvent<?> event, Object data) {
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
                        } else {
                            a.resolutionMissed = true;
                        }
                    }).replaceWithVoid();
        }
        DispatchEvents.Resolved resolved = (DispatchEvents.Resolved) data;
        Instant at = event.time() == null ? Instant.now() : event.time();
        return dispatch(resolved.requestId(), resolved.round()).invoke(d -> d.resolve(at)).replaceWithVoid();
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
