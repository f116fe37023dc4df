package org.gridloop.intake.application;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.rest.TaskBodies;
import org.gridloop.platform.outbox.Outbox;
import org.gridloop.platform.rest.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What grid workers do with the tasks of their own grids: claim, give back, handle on site, blow the whistle, verify
 * the departments' work, reject. A request outside the worker's grids does not exist for them (404).
 */
@ApplicationScoped
public class GridTaskCommands {

    private static final Set<RequestStatus> TASK_STATUSES = Set.of(RequestStatus.SUBMITTED, RequestStatus.ACCEPTED,
            RequestStatus.GRID_HANDLING, RequestStatus.VERIFYING);

    @Inject
    Outbox outbox;

    /** A worker acting on a request: name, grids, and the actor to stamp on events. */
    public record Worker(String name, List<String> grids, Actor actor) {
    }

    @WithSession
    public Uni<List<ServiceRequest>> tasks(Worker worker, String grid) {
        List<String> grids = grid == null ? worker.grids() : worker.grids().stream().filter(grid::equals).toList();
        if (grids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return ServiceRequest.<ServiceRequest>find("gridCode in ?1 and status in ?2 order by createdAt",
                grids, TASK_STATUSES).page(0, 500).list();
    }

    public Uni<ServiceRequest> claim(String id, Worker worker) {
        return act(id, worker, request -> {
            requireStatus(request, RequestStatus.GRID_HANDLING, RequestStatus.VERIFYING);
            if (request.claimedBy != null && !request.claimedBy.equals(worker.name())) {
                throw ProblemException.conflict("already claimed by " + request.claimedBy);
            }
            if (worker.name().equals(request.claimedBy)) {
                return null;
            }
            request.claimedBy = worker.name();
            return event(request, EventTypes.REQUEST_CLAIMED,
                    new RequestEvents.Claimed(request.id, request.gridCode, worker.name()), worker);
        });
    }

    public Uni<ServiceRequest> unclaim(String id, Worker worker) {
        return act(id, worker, request -> {
            requireClaimant(request, worker);
            request.claimedBy = null;
            return event(request, EventTypes.REQUEST_UNCLAIMED,
                    new RequestEvents.Unclaimed(request.id, request.gridCode, worker.name()), worker);
        });
    }

    public Uni<ServiceRequest> complete(String id, TaskBodies.Complete body, Worker worker) {
        return act(id, worker, request -> {
            requireStatus(request, RequestStatus.GRID_HANDLING);
            requireClaimant(request, worker);
            requireOpenGridTask(request);
            request.handledAt = Instant.now();
            request.statusNote = body.note();
            return event(request, EventTypes.REQUEST_HANDLED_ON_SITE, new RequestEvents.HandledOnSite(request.id,
                    request.gridCode, body.note(), body.photoUrls() == null ? List.of() : body.photoUrls()), worker);
        });
    }

    public Uni<ServiceRequest> whistle(String id, TaskBodies.Whistle body, Worker worker) {
        return act(id, worker, request -> {
            requireStatus(request, RequestStatus.GRID_HANDLING);
            requireOpenGridTask(request);
            request.whistleBlownAt = Instant.now();
            return event(request, EventTypes.REQUEST_WHISTLE_BLOWN,
                    new RequestEvents.WhistleBlown(request.id, request.gridCode, worker.name(), body.reason()), worker);
        });
    }

    public Uni<ServiceRequest> verify(String id, TaskBodies.Verification body, Worker worker) {
        return act(id, worker, request -> {
            requireStatus(request, RequestStatus.VERIFYING);
            if (request.claimedBy != null && !request.claimedBy.equals(worker.name())) {
                throw ProblemException.conflict("claimed by " + request.claimedBy);
            }
            if (request.verifiedRound != null && request.verifiedRound == request.round) {
                throw ProblemException.conflict("round " + request.round + " was verified already");
            }
            request.verifiedRound = request.round;
            request.statusNote = body.note();
            return event(request, EventTypes.REQUEST_VERIFIED,
                    new RequestEvents.Verified(request.id, request.round, body.passed(), body.note()), worker);
        });
    }

    public Uni<ServiceRequest> reject(String id, TaskBodies.Reject body, Worker worker) {
        return act(id, worker, request -> {
            requireStatus(request, RequestStatus.SUBMITTED, RequestStatus.ACCEPTED, RequestStatus.GRID_HANDLING);
            if (request.handledAt != null || request.whistleBlownAt != null) {
                throw ProblemException.conflict("the grid already acted on request " + id);
            }
            request.status = RequestStatus.REJECTED;
            request.rejectReason = body.reason();
            request.statusNote = body.note();
            request.outcome = "REJECTED";
            request.claimedBy = null;
            return event(request, EventTypes.REQUEST_REJECTED,
                    new RequestEvents.Rejected(request.id, body.reason(), body.note()), worker);
        });
    }

    private Uni<ServiceRequest> act(String id, Worker worker, Function<ServiceRequest, CloudEvent<?>> change) {
        return outbox.transaction(() -> ServiceRequest.<ServiceRequest>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no task " + id))
                .chain(request -> {
                    if (!worker.grids().contains(request.gridCode)) {
                        return Uni.createFrom().failure(ProblemException.notFound("no task " + id));
                    }
                    CloudEvent<?> event = change.apply(request);
                    if (event == null) {
                        return Uni.createFrom().item(request);
                    }
                    request.updatedAt = Instant.now();
                    return outbox.add(event).replaceWith(request);
                }));
    }

    private static <T> CloudEvent<T> event(ServiceRequest request, EventType<T> type, T payload, Worker worker) {
        return CloudEvent.of(type, RequestCommands.SOURCE, request.id, worker.actor(), payload);
    }

    private static void requireStatus(ServiceRequest request, RequestStatus... allowed) {
        for (RequestStatus status : allowed) {
            if (request.status == status) {
                return;
            }
        }
        throw ProblemException.conflict("request " + request.id + " is " + request.status);
    }

    private static void requireClaimant(ServiceRequest request, Worker worker) {
        if (!worker.name().equals(request.claimedBy)) {
            throw ProblemException.conflict(request.claimedBy == null ? "claim the task first"
                    : "claimed by " + request.claimedBy);
        }
    }

    private static void requireOpenGridTask(ServiceRequest request) {
        if (request.handledAt != null || request.whistleBlownAt != null) {
            throw ProblemException.conflict("the grid already " + (request.handledAt != null ? "handled" : "whistled")
                    + " request " + request.id);
        }
    }
}
