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
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;

import java.time.Instant;

/**
 * What department staff do: report in (报到) and answer (答复). Each runs in one transaction that also writes the
 * event announcing it to the outbox; the dispatch process follows from those events. Always on the request's
 * current (highest) round.
 */
@ApplicationScoped
public class DispatchCommands {

    public static final String SOURCE = "/gridloop/report-in";

    @Inject
    Outbox outbox;

    public Uni<DepartmentAssignment> reportIn(String requestId, String department, Actor actor) {
        return outbox.transaction(() -> currentAssignment(requestId, department).chain(assignment -> {
            if (!assignment.reportIn(Instant.now())) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        department + " is " + assignment.status + " on " + requestId + ", not CALLED"));
            }
            return outbox.add(CloudEvent.of(EventTypes.DISPATCH_REPORTED_IN, SOURCE, requestId, actor,
                    new DispatchEvents.ReportedIn(requestId, assignment.round, department))).replaceWith(assignment);
        }));
    }

    public Uni<DepartmentAssignment> answer(String requestId, String department, AnswerResult result, String note,
                                            Actor actor) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (result.needsNote() && text == null) {
            return Uni.createFrom().failure(ProblemException.badField("note",
                    "required when the result is " + result + ": say what is left and why"));
        }
        return outbox.transaction(() -> currentAssignment(requestId, department).chain(assignment -> {
            if (assignment.status != AssignmentStatus.REPORTED_IN || !assignment.answer(result, text, Instant.now())) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        department + " is " + assignment.status + " on " + requestId + ", not REPORTED_IN"));
            }
            return outbox.add(CloudEvent.of(EventTypes.DISPATCH_ANSWERED, SOURCE, requestId, actor,
                    new DispatchEvents.Answered(requestId, assignment.round, department, result.name(), text)))
                    .replaceWith(assignment);
        }));
    }

    /** The department's assignment in the request's highest round; 404 when it is not called there. */
    private static Uni<DepartmentAssignment> currentAssignment(String requestId, String department) {
        return Dispatch.<Dispatch>find("requestId = ?1 order by round desc", requestId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no dispatch " + requestId))
                .chain(dispatch -> DepartmentAssignment.<DepartmentAssignment>findById(
                        DepartmentAssignment.id(requestId, dispatch.round, department)))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no dispatch " + requestId));
    }
}
