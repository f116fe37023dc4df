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
        Object data = event.data();
        if (!(data instanceof RequestEvents.Accepted || data instanceof RequestEvents.RoutedToGrid
                || data instanceof RequestEvents.Whistled || data instanceof RequestEvents.VerificationRequested
                || data instanceof RequestEvents.FeedbackRequested || data instanceof RequestEvents.Reopened
                || data instanceof RequestEvents.Closed)) {
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
            // also after a rework (返工), when the record already went back to GRID_HANDLING: a fresh task
            if (request.advanceTo(RequestStatus.GRID_HANDLING) || request.status == RequestStatus.GRID_HANDLING) {
                request.claimedBy = null;
                request.handledAt = null;
                request.whistleBlownAt = null;
            }
        } else if (data instanceof RequestEvents.Whistled whistled) {
            if (request.advanceTo(RequestStatus.WHISTLED)
                    || request.status == RequestStatus.WHISTLED && whistled.round() > request.round) {
                request.round = whistled.round();
                request.claimedBy = null;
            }
        } else if (data instanceof RequestEvents.VerificationRequested) {
            request.advanceTo(RequestStatus.VERIFYING);
        } else if (data instanceof RequestEvents.FeedbackRequested) {
            if (request.advanceTo(RequestStatus.AWAITING_FEEDBACK)) {
                request.claimedBy = null;
            }
        } else if (data instanceof RequestEvents.Reopened reopened) {
            if (request.reworkCount < reopened.reworkCount()) {
                request.reworkCount = reopened.reworkCount();
                request.rating = null;
                request.ratingComment = null;
                // no longer waiting for a rating: accepted again and being routed; the routing event that follows
                // (routed-to-grid or whistled) says who handles it now
                if (request.status == RequestStatus.AWAITING_FEEDBACK) {
                    request.status = RequestStatus.ACCEPTED;
                    request.updatedAt = java.time.Instant.now();
                }
            }
        } else if (data instanceof RequestEvents.Closed closed) {
            if (request.advanceTo(RequestStatus.CLOSED)) {
                request.outcome = closed.outcome();
                request.closedAt = java.time.Instant.now();
            }
        }
    }
}
