package org.gridloop.reportin.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.DisputeDecision;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.outbox.JdbcOutbox;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.reportin.domain.AssignmentStatus;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.domain.DispatchNote;
import org.gridloop.reportin.domain.DispatchStatus;
import org.gridloop.reportin.domain.DisputeRuling;
import org.gridloop.reportin.process.DispatchProcess;
import org.gridloop.reportin.repository.Assignments;
import org.gridloop.reportin.repository.Departments;
import org.gridloop.reportin.repository.DispatchNotes;
import org.gridloop.reportin.repository.Dispatches;
import org.gridloop.reportin.security.DispatchAccess;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What people do on a dispatch. Department staff report in (报到), add progress notes, answer (答复) or dispute
 * jurisdiction; supervisors decide disputes and close by order. Each is one step: the records, the department's
 * branch of the dispatch process and the event announcing it commit together, so the answer shows where the
 * department stands now (and the round resolved, when this was the last answer). Always on the request's current
 * (highest) round, and only while it is OPEN.
 */
@ApplicationScoped
public class DispatchCommands {

    public static final String SOURCE = "/gridloop/report-in";

    private static final Logger LOG = Logger.getLogger(DispatchCommands.class);

    private final Steps steps;
    private final Dispatches dispatches;
    private final Assignments assignments;
    private final DispatchNotes notes;
    private final Departments departments;
    private final DispatchProcess process;
    private final JdbcOutbox outbox;
    private final Limits limits;

    DispatchCommands(Steps steps, Dispatches dispatches, Assignments assignments, DispatchNotes notes,
                     Departments departments, DispatchProcess process, JdbcOutbox outbox, Limits limits) {
        this.steps = steps;
        this.dispatches = dispatches;
        this.assignments = assignments;
        this.notes = notes;
        this.departments = departments;
        this.process = process;
        this.outbox = outbox;
        this.limits = limits;
    }

    public DepartmentAssignment reportIn(String requestId, String department, Actor actor) {
        return steps.run(() -> {
            DepartmentAssignment assignment = openAssignment(requestId, department);
            if (!assignment.reportIn(Instant.now())) {
                throw ProblemException.conflict(department + " is " + assignment.status + " on " + requestId
                        + ", not CALLED");
            }
            outbox.add(CloudEvent.of(EventTypes.DISPATCH_REPORTED_IN, SOURCE, requestId, actor,
                    new DispatchEvents.ReportedIn(requestId, assignment.round, department)));
            process.reportedIn(assignment);
            return assignment;
        });
    }

    public DepartmentAssignment progress(String requestId, String department, String note, Actor actor) {
        String text = note.strip();
        return steps.run(() -> {
            DepartmentAssignment assignment = openAssignment(requestId, department);
            if (assignment.status != AssignmentStatus.REPORTED_IN) {
                throw ProblemException.conflict(department + " is " + assignment.status + " on " + requestId
                        + ", not REPORTED_IN");
            }
            CloudEvent<DispatchEvents.Progressed> event = CloudEvent.of(EventTypes.DISPATCH_PROGRESSED, SOURCE,
                    requestId, actor, new DispatchEvents.Progressed(requestId, assignment.round, department, text));
            notes.add(DispatchNote.of(requestId, assignment.round, department, DispatchNote.PROGRESS, text,
                    actor.id(), event.time()));
            outbox.add(event);
            return assignment;
        });
    }

    /**
     * The lead answers last in joint handling (会商联办): its answer is refused while a co-department has not
     * answered, so the round resolves with the lead's answer after everyone else's — in the lead's step.
     */
    public DepartmentAssignment answer(String requestId, String department, AnswerResult result, String note,
                                       Actor actor) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (result.needsNote() && text == null) {
            throw ProblemException.badField("note", "required when the result is " + result
                    + ": say what is left and why");
        }
        return steps.run(() -> {
            DepartmentAssignment assignment = openAssignment(requestId, department);
            if (assignment.status != AssignmentStatus.REPORTED_IN) {
                throw ProblemException.conflict(department + " is " + assignment.status + " on " + requestId
                        + ", not REPORTED_IN");
            }
            if (DepartmentAssignment.LEAD.equals(assignment.role)) {
                List<String> open = assignments.ofRound(requestId, assignment.round).stream()
                        .filter(a -> !a.id.equals(assignment.id) && a.status.open()).map(a -> a.department)
                        .sorted().toList();
                if (!open.isEmpty()) {
                    throw ProblemException.conflict("the lead answers last: " + String.join(", ", open)
                            + (open.size() == 1 ? " has" : " have") + " not answered yet");
                }
            }
            assignment.answer(result, text, Instant.now());
            outbox.add(CloudEvent.of(EventTypes.DISPATCH_ANSWERED, SOURCE, requestId, actor,
                    new DispatchEvents.Answered(requestId, assignment.round, department, result, text)));
            process.answered(assignment);
            return assignment;
        });
    }

    public DepartmentAssignment dispute(String requestId, String department, String reason, Actor actor) {
        String text = reason.strip();
        return steps.run(() -> {
            DepartmentAssignment assignment = openAssignment(requestId, department);
            CloudEvent<DispatchEvents.Disputed> event = CloudEvent.of(EventTypes.DISPATCH_DISPUTED, SOURCE,
                    requestId, actor, new DispatchEvents.Disputed(requestId, assignment.round, department, text));
            if (!assignment.dispute(text, event.time())) {
                throw ProblemException.conflict(department + " is " + assignment.status + " on " + requestId
                        + ": only a CALLED or REPORTED_IN department disputes");
            }
            notes.add(DispatchNote.of(requestId, assignment.round, department, DispatchNote.DISPUTE, text, actor.id(),
                    event.time()));
            outbox.add(event);
            process.disputed(assignment);
            return assignment;
        });
    }

    /**
     * A supervisor decides a dispute: CONFIRM (the department carries on) or REROUTE to {@code toDepartment} of the
     * directory, which the process calls in its place with fresh limits, in this step. Supervisors not above the
     * grid get 404. Returns the assignments the decision changed.
     */
    public List<DepartmentAssignment> decide(String requestId, String department, DisputeRuling ruling,
                                             String toDepartment, String note, DispatchAccess access, Actor actor) {
        // a confirmation calls nobody: a department named with it is ignored
        String to = ruling != DisputeRuling.REROUTE || toDepartment == null || toDepartment.isBlank() ? null
                : toDepartment.strip();
        String text = note == null || note.isBlank() ? null : note.strip();
        if (ruling == DisputeRuling.REROUTE && to == null) {
            throw ProblemException.badField("toDepartment", "required when the decision is REROUTE");
        }
        if (ruling == DisputeRuling.REROUTE && to.equals(department)) {
            throw ProblemException.badField("toDepartment", "must be another department than " + department);
        }
        return steps.run(() -> {
            if (to != null && !departments.exists(to)) {
                throw ProblemException.badField("toDepartment", "no department " + to + " in the directory");
            }
            Dispatch dispatch = dispatches.current(requestId)
                    .orElseThrow(() -> ProblemException.notFound("no dispatch " + requestId));
            access.requireSupervising(dispatch);
            if (dispatch.status != DispatchStatus.OPEN) {
                throw ProblemException.conflict(requestId + " is " + dispatch.status + " already");
            }
            DepartmentAssignment assignment = assignments.of(requestId, dispatch.round, department)
                    .orElseThrow(() -> ProblemException.notFound(department + " is not called on " + requestId));
            if (assignment.status != AssignmentStatus.DISPUTED) {
                throw ProblemException.conflict(department + " is " + assignment.status + " on " + requestId
                        + ", not DISPUTED");
            }
            if (to != null && assignments.of(requestId, dispatch.round, to).isPresent()) {
                throw ProblemException.conflict(to + " is already called on " + requestId);
            }
            DisputeDecision outcome = ruling.decision();
            CloudEvent<DispatchEvents.DisputeDecided> event = CloudEvent.of(EventTypes.DISPATCH_DISPUTE_DECIDED,
                    SOURCE, requestId, actor, new DispatchEvents.DisputeDecided(requestId, dispatch.round, department,
                            outcome, to, text));
            if (ruling == DisputeRuling.CONFIRM) {
                assignment.confirm();
            }
            notes.add(DispatchNote.of(requestId, dispatch.round, department, DispatchNote.DECISION, outcome
                    + (to == null ? "" : " to " + to) + (text == null ? "" : ": " + text), actor.id(), event.time()));
            outbox.add(event);
            process.disputeDecided(assignment, outcome, to, event.time());
            return to == null ? List.of(assignment)
                    : List.of(assignment, assignments.of(requestId, dispatch.round, to).orElseThrow());
        });
    }

    /**
     * A supervisor closes the round by order (责令办结): it is resolved with the answers so far, a department that
     * had not answered reported with no result and a note starting with NONE; the process ends in this step.
     */
    public Dispatch close(String requestId, String note, DispatchAccess access, Actor actor) {
        String text = note == null || note.isBlank() ? null : note.strip();
        return steps.run(() -> {
            Dispatch dispatch = dispatches.current(requestId)
                    .orElseThrow(() -> ProblemException.notFound("no dispatch " + requestId));
            access.requireSupervising(dispatch);
            if (dispatch.status != DispatchStatus.OPEN) {
                throw ProblemException.conflict(requestId + " is " + dispatch.status + " already");
            }
            closeByOrder(dispatch, text, actor);
            return dispatch;
        });
    }

    /** Shared with the escalation decision ORDER_CLOSING; runs in the caller's step. */
    void closeByOrder(Dispatch dispatch, String note, Actor actor) {
        CloudEvent<DispatchEvents.Resolved> event = CloudEvent.of(EventTypes.DISPATCH_RESOLVED, SOURCE,
                dispatch.requestId, actor, new DispatchEvents.Resolved(dispatch.requestId, dispatch.round,
                        RoundAnswers.answersSoFar(assignments.ofRound(dispatch.requestId, dispatch.round), note)));
        if (!dispatch.closeByOrder(event.time())) {
            return;
        }
        notes.add(DispatchNote.of(dispatch.requestId, dispatch.round, null, DispatchNote.CLOSED, note, actor.id(),
                event.time()));
        outbox.add(event);
        process.closedByOrder(dispatch);
    }

    /**
     * 会商联办: the departments a supervisor's COORDINATE decision names are called into the round, each co-handling
     * with its own report-in and resolution limits counted from the decision, each as a new branch of the round's
     * process; announced as {@code dispatch.convened}. A department already called in the round, or not in the
     * directory, is left out (and said so in the log); runs in the caller's step.
     */
    void convene(Dispatch dispatch, List<String> departmentCodes, String escalationId, Actor supervisor,
                 String note, Instant at) {
        List<DispatchEvents.CalledDepartment> called = new ArrayList<>();
        for (String code : departmentCodes) {
            if (!departments.exists(code) || assignments.of(dispatch.requestId, dispatch.round, code).isPresent()) {
                LOG.infof("会商联办 of %s: %s is not a department or is called already", dispatch.requestId, code);
                continue;
            }
            DepartmentAssignment assignment = DepartmentAssignment.called(dispatch.requestId, dispatch.round, code,
                    DepartmentAssignment.CO, limits.reportInDue(dispatch, at),
                    limits.resolveDue(dispatch, at));
            assignments.add(assignment);
            process.convene(dispatch, code);
            called.add(new DispatchEvents.CalledDepartment(code, DepartmentAssignment.CO, assignment.reportInDue,
                    assignment.resolveDue));
        }
        notes.add(DispatchNote.of(dispatch.requestId, dispatch.round, null, EscalationDecision.COORDINATE.name(),
                note, supervisor.id(), at));
        if (!called.isEmpty()) {
            outbox.add(CloudEvent.of(EventTypes.DISPATCH_CONVENED, SOURCE, dispatch.requestId, supervisor,
                    new DispatchEvents.Convened(dispatch.requestId, dispatch.round, dispatch.gridCode, escalationId,
                            supervisor.id(), called)));
        }
    }

    /** The department's assignment in the request's current round: 404 when it is not called, 409 once resolved. */
    private DepartmentAssignment openAssignment(String requestId, String department) {
        Dispatch dispatch = dispatches.current(requestId)
                .orElseThrow(() -> ProblemException.notFound("no dispatch " + requestId));
        DepartmentAssignment assignment = assignments.of(requestId, dispatch.round, department)
                .orElseThrow(() -> ProblemException.notFound("no dispatch " + requestId));
        if (dispatch.status != DispatchStatus.OPEN) {
            throw ProblemException.conflict(requestId + " is " + dispatch.status + " already");
        }
        return assignment;
    }
}
