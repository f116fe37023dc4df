package org.gridloop.intake.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.platform.inbox.Inbox;

/**
 * Applies what the process decided (accepted, routed, whistled, feedback requested, closed) to the request record,
 * so that what people may do next follows the process. Idempotent through the inbox and the status rules.
 */
@ApplicationScoped
public class RequestStateHandler {

    static final String CONSUMER = "grid-intake.state";

    @Inject
    Inbox inbox;

    public Uni<Void> handle(CloudEvent<?> event) {
        if (!(event.data() instanceof RequestEvents.Accepted || event.data() instanceof RequestEvents.RoutedToGrid
                || event.data() instanceof RequestEvents.Whistled
                || event.data() instanceof RequestEvents.FeedbackRequested
                || event.data() instanceof RequestEvents.Closed)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, event).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : ServiceRequest.<ServiceRequest>findById(event.subject())
                        .invoke(request -> {
                            if (request != null) {
                                apply(request, event.data());
                            }
                        })
                        .replaceWithVoid()));
    }

    static void apply(ServiceRequest request, Object data) {
        if (data instanceof RequestEvents.Accepted) {
            request.advanceTo(RequestStatus.ACCEPTED);
        } else if (data instanceof RequestEvents.RoutedToGrid) {
            request.advanceTo(RequestStatus.GRID_HANDLING);
        } else if (data instanceof RequestEvents.Whistled whistled) {
            if (request.advanceTo(RequestStatus.WHISTLED)) {
                request.round = whistled.round();
            }
        } else if (data instanceof RequestEvents.FeedbackRequested) {
            request.advanceTo(RequestStatus.AWAITING_FEEDBACK);
        } else if (data instanceof RequestEvents.Closed closed) {
            if (request.advanceTo(RequestStatus.CLOSED)) {
                request.outcome = closed.outcome();
            }
        }
    }
}
