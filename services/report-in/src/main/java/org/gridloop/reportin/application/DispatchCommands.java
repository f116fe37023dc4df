package org.gridloop.reportin.application;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.outbox.Outbox;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.reportin.domain.AnswerResult;
import org.gridloop.reportin.domain.AssignmentStatus;
import org.gridloop.reportin.domain.Department;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.domain.DispatchNote;
import org.gridloop.reportin.domain.DispatchStatus;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What people do on a dispatch. Department staff report in (报到), add progress notes, answer (答复) or dispute
 * jurisdiction; supervisors decide disputes and close by order. Each runs in one transaction that also writes the
 * event announcing it to the outbox; the dispatch process follows from those events. Always on the request's
 * current (highest) round, and only while it is OPEN.
 */
@ApplicationScoped
public class DispatchCommands {

    public static final String SOURCE = "/gridloop/report-in";
    public static final String CONFIRM = "CONFIRM";
    public static final String REROUTE = "REROUTE";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String REROUTED = "REROUTED";

    @Inject
    Outbox outbox;

    @Inject
    Limits limits;

    public Uni<DepartmentAssignment> reportIn(String requestId, String department, Actor actor) {
        return outbox.transaction(() -> openAssignment(requestId, department).chain(assignment -> {
            if (!assignment.reportIn(Instant.now())) {
                return conflict(department + " is " + assignment.status + " on " + requestId + ", not CALLED");
            }
            return outbox.add(CloudEvent.of(EventTypes.DISPATCH_REPORTED_IN, SOURCE, requestId, actor,
                    new DispatchEvents.ReportedIn(requestId, assignment.round, department))).replaceWith(assignment);
        }));
    }

    public Uni<DepartmentAssignment> progress(String requestId, String department, String note, Actor actor) {
        String text = note.strip();
        return outbox.transaction(() -> openAssignment(requestId, department).chain(assignment -> {
            if (assignment.status != AssignmentStatus.REPORTED_IN) {
                return conflict(department + " is " + assignment.status + " on " + requestId + ", not REPORTED_IN");
            }
            CloudEvent<DispatchEvents.Progressed> event = CloudEvent.of(EventTypes.DISPATCH_PROGRESSED, SOURCE,
                    requestId, actor, new DispatchEvents.Progressed(requestId, assignment.round, department, text));
            return DispatchNote.of(requestId, assignment.round, department, DispatchNote.PROGRESS, text, actor.id(),
                            event.time()).persist()
                    .chain(() -> outbox.add(event)).replaceWith(assignment);
        }));
    }

    /**
     * The lead answers last in joint handling (会商联办): its answer is refused while a co-department has not
     * answered, so the process resolves with the lead's answer after everyone else's.
     */
    public Uni<DepartmentAssignment> answer(String requestId, String department, AnswerResult result, String note,
                                            Actor actor) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (result.needsNote() && text == null) {
            return Uni.createFrom().failure(ProblemException.badField("note",
                    "required when the result is " + result + ": say what is left and why"));
        }
        return outbox.transaction(() -> openAssignment(requestId, department).chain(assignment -> {
            if (assignment.status != AssignmentStatus.REPORTED_IN) {
                return conflict(department + " is " + assignment.status + " on " + requestId + ", not REPORTED_IN");
            }
            return coDepartmentsStillOpen(assignment).chain(open -> {
                if (!open.isEmpty()) {
                    return conflict("the lead answers last: " + String.join(", ", open)
                            + (open.size() == 1 ? " has" : " have") + " not answered yet");
                }
                assignment.answer(result, text, Instant.now());
                return outbox.add(CloudEvent.of(EventTypes.DISPATCH_ANSWERED, SOURCE, requestId, actor,
                        new DispatchEvents.Answered(requestId, assignment.round, department, result.name(), text)))
                        .replaceWith(assignment);
            });
        }));
    }

    public Uni<DepartmentAssignment> dispute(String requestId, String department, String reason, Actor actor) {
        String text = reason.strip();
        return outbox.transaction(() -> openAssignment(requestId, department).chain(assignment -> {
            CloudEvent<DispatchEvents.Disputed> event = CloudEvent.of(EventTypes.DISPATCH_DISPUTED, SOURCE,
                    requestId, actor, new DispatchEvents.Disputed(requestId, assignment.round, department, text));
            if (!assignment.dispute(text, event.time())) {
                return conflict(department + " is " + assignment.status + " on " + requestId
                        + ": only a CALLED or REPORTED_IN department disputes");
            }
            return DispatchNote.of(requestId, assignment.round, department, DispatchNote.DISPUTE, text, actor.id(),
                    event.time()).persist().chain(() -> outbox.add(event)).replaceWith(assignment);
        }));
    }

    /**
     * A supervisor decides a dispute: CONFIRM (the department carries on) or REROUTE to {@code toDepartment} of the
     * directory, which is called in its place with fresh limits. Supervisors not above the grid get 404.
     */
    public Uni<List<DepartmentAssignment>> decide(String requestId, String department, String decision,
                                                  String toDepartment, String note, DispatchAccess access,
                                                  Actor actor) {
        String to = toDepartment == null || toDepartment.isBlank() ? null : toDepartment.strip();
        String text = note == null || note.isBlank() ? null : note.strip();
        if (REROUTE.equals(decision) && to == null) {
            return Uni.createFrom().failure(ProblemException.badField("toDepartment",
                    "required when the decision is REROUTE"));
        }
        if (REROUTE.equals(decision) && to.equals(department)) {
            return Uni.createFrom().failure(ProblemException.badField("toDepartment",
                    "must be another department than " + department));
        }
        Uni<Department> target = to == null ? Uni.createFrom().nullItem() : Department.<Department>findById(to)
                .onItem().ifNull().failWith(() -> ProblemException.badField("toDepartment",
                        "no department " + to + " in the directory"));
        return outbox.transaction(() -> openDispatch(requestId).invoke(access::requireSupervising)
                .chain(dispatch -> target.chain(ignored -> dispatch.status != DispatchStatus.OPEN
                                ? DispatchCommands.<DepartmentAssignment>conflict(requestId + " is " + dispatch.status
                                + " already") : assignment(dispatch, department))
                        .chain(assignment -> {
                            if (assignment.status != AssignmentStatus.DISPUTED) {
                                return conflict(department + " is " + assignment.status + " on " + requestId
                                        + ", not DISPUTED");
                            }
                            String outcome = CONFIRM.equals(decision) ? CONFIRMED : REROUTED;
                            CloudEvent<DispatchEvents.DisputeDecided> event = CloudEvent.of(
                                    EventTypes.DISPATCH_DISPUTE_DECIDED, SOURCE, requestId, actor,
                                    new DispatchEvents.DisputeDecided(requestId, dispatch.round, department, outcome,
                                            to, text));
                            Uni<List<DepartmentAssignment>> changed;
                            if (CONFIRM.equals(decision)) {
                                assignment.confirm();
                                changed = Uni.createFrom().item(List.of(assignment));
                            } else {
                                changed = DepartmentAssignment.<DepartmentAssignment>findById(
                                                DepartmentAssignment.id(requestId, dispatch.round, to))
                                        .chain(existing -> existing != null
                                                ? conflict(to + " is already called on " + requestId)
                                                : Rerouting.reroute(dispatch, assignment, to, event.time(), limits)
                                                .map(called -> List.of(assignment, called)));
                            }
                            return changed.call(() -> DispatchNote.of(requestId, dispatch.round, department,
                                            DispatchNote.DECISION, outcome + (to == null ? "" : " to " + to)
                                                    + (text == null ? "" : ": " + text), actor.id(), event.time())
                                    .persist()).call(() -> outbox.add(event));
                        })));
    }

    /**
     * A supervisor closes the round by order (责令办结): it is resolved with the answers so far, a department that had
     * not answered reported with no result and a note starting with NONE. The process follows the resolved event.
     */
    public Uni<Dispatch> close(String requestId, String note, DispatchAccess access, Actor actor) {
        String text = note == null || note.isBlank() ? null : note.strip();
        return outbox.transaction(() -> openDispatch(requestId).invoke(access::requireSupervising)
                .chain(dispatch -> dispatch.status != DispatchStatus.OPEN
                        ? conflict(requestId + " is " + dispatch.status + " already")
                        : closeByOrder(dispatch, text, actor, outbox)));
    }

    /** Shared with the escalation decision ORDER_CLOSING; runs in the caller's transaction. */
    public static Uni<Dispatch> closeByOrder(Dispatch dispatch, String note, Actor actor, Outbox outbox) {
        return DepartmentAssignment.<DepartmentAssignment>list("requestId = ?1 and round = ?2",
                dispatch.requestId, dispatch.round).chain(assignments -> {
            CloudEvent<DispatchEvents.Resolved> event = CloudEvent.of(EventTypes.DISPATCH_RESOLVED, SOURCE,
                    dispatch.requestId, actor, new DispatchEvents.Resolved(dispatch.requestId, dispatch.round,
                            Rerouting.answersSoFar(assignments, note)));
            if (!dispatch.closeByOrder(event.time())) {
                return Uni.createFrom().item(dispatch);
            }
            return DispatchNote.of(dispatch.requestId, dispatch.round, null, DispatchNote.CLOSED, note, actor.id(),
                    event.time()).persist().chain(() -> outbox.add(event)).replaceWith(dispatch);
        });
    }

    private static Uni<List<String>> coDepartmentsStillOpen(DepartmentAssignment assignment) {
        if (!DepartmentAssignment.LEAD.equals(assignment.role)) {
            return Uni.createFrom().item(List.of());
        }
        return DepartmentAssignment.<DepartmentAssignment>list("requestId = ?1 and round = ?2 order by department",
                        assignment.requestId, assignment.round)
                .map(all -> all.stream().filter(a -> !a.id.equals(assignment.id) && a.status.open())
                        .map(a -> a.department).collect(Collectors.toList()));
    }

    private static <T> Uni<T> conflict(String why) {
        return Uni.createFrom().failure(ProblemException.conflict(why));
    }

    /** The request's highest round; 404 when there is none, 409 when it is resolved already. */
    private static Uni<Dispatch> openDispatch(String requestId) {
        return Dispatch.<Dispatch>find("requestId = ?1 order by round desc", requestId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no dispatch " + requestId));
    }

    private static Uni<DepartmentAssignment> assignment(Dispatch dispatch, String department) {
        return DepartmentAssignment.<DepartmentAssignment>findById(
                        DepartmentAssignment.id(dispatch.requestId, dispatch.round, department))
                .onItem().ifNull().failWith(() -> ProblemException.notFound(
                        department + " is not called on " + dispatch.requestId));
    }

    /** The department's assignment in the request's highest round: 404 when it is not called, 409 once resolved. */
    private static Uni<DepartmentAssignment> openAssignment(String requestId, String department) {
        return openDispatch(requestId).chain(dispatch -> DepartmentAssignment.<DepartmentAssignment>findById(
                        DepartmentAssignment.id(requestId, dispatch.round, department))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no dispatch " + requestId))
                .chain(assignment -> dispatch.status == DispatchStatus.OPEN ? Uni.createFrom().item(assignment)
                        : conflict(requestId + " is " + dispatch.status + " already")));
    }
}
