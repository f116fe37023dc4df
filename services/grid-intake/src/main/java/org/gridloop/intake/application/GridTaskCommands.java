package org.gridloop.intake.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CallerDecision;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RejectReason;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.intake.domain.Photo;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.process.RequestProcess;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.outbox.JdbcOutbox;
import org.gridloop.platform.rest.ProblemException;

import java.util.List;
import java.util.function.Function;

/**
 * What grid workers do with the tasks of their own grids: accept a report the routing table held back for a person
 * (受理), claim, give back, handle on site, blow the whistle, verify the departments' work, call back a resident who
 * did not rate (回访), reject. A request outside the worker's grids does not exist for them (404). Each action is
 * one step: the record, the engine command and the events in one transaction.
 */
@ApplicationScoped
public class GridTaskCommands {

    /** A worker acting on a request: name, grids, and the actor to stamp on events. */
    public record Worker(String name, List<String> grids, Actor actor) {
    }

    /** 处置: what was done on site, with the photos of the spot before and after (uploaded, by id). */
    public record Complete(String requestId, String note, List<String> photoUrls, List<String> beforePhotoIds,
                           List<String> afterPhotoIds) {
    }

    /** 吹哨: why the grid cannot solve it. */
    public record Whistle(String requestId, String reason) {
    }

    /** 核查: whether the departments really fixed it. */
    public record Verify(String requestId, boolean passed, String note, List<String> photoIds) {
    }

    /** What follows a department's PARTLY or CANNOT_FIX answer, with a note (required but for VERIFY). */
    public record Decide(String requestId, CallerDecision decision, String note) {
    }

    /** 上提一级 on purpose: why the grid cannot solve it. */
    public record Raise(String requestId, String reason) {
    }

    /** 回访: the resident reached (with their rating) or nobody reached. */
    public record ReturnVisit(String requestId, boolean reached, Integer rating, String comment) {
    }

    /** 不予受理: the reason the resident sees. */
    public record Reject(String requestId, RejectReason reason, String note) {
    }

    private final Steps steps;
    private final ServiceRequests requests;
    private final RequestProcess process;
    private final JdbcOutbox outbox;
    private final PhotoCommands photos;

    GridTaskCommands(Steps steps, ServiceRequests requests, RequestProcess process, JdbcOutbox outbox,
                     PhotoCommands photos) {
        this.photos = photos;
        this.steps = steps;
        this.requests = requests;
        this.process = process;
        this.outbox = outbox;
    }

    /** 受理 by a grid worker of the grid: the process routes it to the grid or the departments, in this step. */
    public ServiceRequest accept(String requestId, Worker worker) {
        return act(requestId, worker, request -> {
            request.acceptByPerson();
            outbox.add(event(request, EventTypes.REQUEST_ACCEPTED, new RequestEvents.Accepted(request.id,
                    request.category, request.gridCode), worker));
            process.accepted(request);
            return null;
        });
    }

    public ServiceRequest claim(String requestId, Worker worker) {
        return act(requestId, worker, request -> request.claim(worker.name())
                ? event(request, EventTypes.REQUEST_CLAIMED,
                new RequestEvents.Claimed(request.id, request.gridCode, worker.name()), worker) : null);
    }

    public ServiceRequest unclaim(String requestId, Worker worker) {
        return act(requestId, worker, request -> {
            request.unclaim(worker.name());
            return event(request, EventTypes.REQUEST_UNCLAIMED,
                    new RequestEvents.Unclaimed(request.id, request.gridCode, worker.name()), worker);
        });
    }

    /** The process asks the resident next (or closes a patrol finding), in this step. */
    public ServiceRequest complete(Complete command, Worker worker) {
        return act(command.requestId(), worker, request -> {
            request.handleOnSite(worker.name(), command.note());
            List<String> before = photos.attach(command.beforePhotoIds(), request.id, Photo.Stage.BEFORE, worker.name(),
                    "beforePhotoIds");
            List<String> after = photos.attach(command.afterPhotoIds(), request.id, Photo.Stage.AFTER, worker.name(),
                    "afterPhotoIds");
            outbox.add(event(request, EventTypes.REQUEST_HANDLED_ON_SITE, new RequestEvents.HandledOnSite(request.id,
                    request.gridCode, command.note(), command.photoUrls() == null ? List.of() : command.photoUrls(), before, after),
                    worker));
            process.handledOnSite(request);
            return null;
        });
    }

    /** The process calls the departments (吹哨) in this step. */
    public ServiceRequest whistle(Whistle command, Worker worker) {
        return act(command.requestId(), worker, request -> {
            request.blowWhistle();
            outbox.add(event(request, EventTypes.REQUEST_WHISTLE_BLOWN, new RequestEvents.WhistleBlown(request.id,
                    request.gridCode, worker.name(), command.reason()), worker));
            process.whistleBlown(request, command.reason());
            return null;
        });
    }

    /** Passed: the resident is asked next; failed: the departments get another round; both in this step. */
    public ServiceRequest verify(Verify command, Worker worker) {
        return act(command.requestId(), worker, request -> {
            request.verify(worker.name(), command.note());
            List<String> seen = photos.attach(command.photoIds(), request.id, Photo.Stage.VERIFY, worker.name(),
                    "photoIds");
            outbox.add(event(request, EventTypes.REQUEST_VERIFIED, new RequestEvents.Verified(request.id,
                    request.round, command.passed(), command.note(), seen), worker));
            process.verified(request, command.passed());
            return null;
        });
    }

    /**
     * The caller's decision after a department answered PARTLY or CANNOT_FIX: verify anyway, another round of the
     * departments, or close as not solvable (the note is the explanation the resident reads); in this step.
     */
    public ServiceRequest decide(Decide command, Worker worker) {
        return act(command.requestId(), worker, request -> {
            request.callerDecided(command.decision(), command.note());
            outbox.add(event(request, EventTypes.REQUEST_CALLER_DECIDED, new RequestEvents.CallerDecided(request.id,
                    request.gridCode, request.round, command.decision(), worker.name(), command.note()), worker));
            process.callerDecided(request, command.decision());
            return null;
        });
    }

    /**
     * 上提一级 on purpose: the grid cannot solve the case (conditions, capacity, jurisdiction) and lifts it to the
     * community, whose supervisors get it as an escalation (escalation service); the case stays where it is.
     */
    public ServiceRequest raise(Raise command, Worker worker) {
        return act(command.requestId(), worker, request -> {
            request.requireRaisable();
            return event(request, EventTypes.REQUEST_RAISED, new RequestEvents.Raised(request.id, request.gridCode,
                    worker.name(), UnitCodes.Level.COMMUNITY.name(), command.reason()), worker);
        });
    }

    /**
     * 回访 recorded: the rating goes where the resident's own would (closed, or back to handling); nobody reached
     * closes the case as not evaluated; all in this step.
     */
    public ServiceRequest returnVisit(ReturnVisit command, Worker worker) {
        return act(command.requestId(), worker, request -> {
            request.returnVisit(command.reached(), command.rating(), command.comment());
            outbox.add(event(request, EventTypes.REQUEST_RETURN_VISITED, new RequestEvents.ReturnVisited(request.id,
                    request.gridCode, worker.name(), command.reached(), command.rating(), command.comment()), worker));
            process.returnVisited(request, command.reached(), command.rating());
            return null;
        });
    }

    /** The case closes as rejected in this step. */
    public ServiceRequest reject(Reject command, Worker worker) {
        return act(command.requestId(), worker, request -> {
            request.reject(command.reason(), command.note());
            outbox.add(event(request, EventTypes.REQUEST_REJECTED, new RequestEvents.Rejected(request.id,
                    command.reason(), command.note()), worker));
            process.rejected(request);
            return null;
        });
    }

    /** Loads the request locked, hides it from workers of other grids, applies the change and its event. */
    private ServiceRequest act(String requestId, Worker worker, Function<ServiceRequest, CloudEvent<?>> change) {
        return steps.run(() -> {
            ServiceRequest request = requests.forUpdate(requestId)
                    .filter(r -> worker.grids().contains(r.gridCode))
                    .orElseThrow(() -> ProblemException.notFound("no task " + requestId));
            CloudEvent<?> event = change.apply(request);
            if (event != null) {
                outbox.add(event);
            }
            return request;
        });
    }

    private static <T> CloudEvent<T> event(ServiceRequest request, EventType<T> type, T payload, Worker worker) {
        return CloudEvent.of(type, RequestCommands.SOURCE, request.id, worker.actor(), payload);
    }
}
