package org.gridloop.reportin.application;

import org.gridloop.contracts.DispatchEvents;
import org.gridloop.reportin.domain.AssignmentStatus;
import org.gridloop.reportin.domain.DepartmentAssignment;

import java.util.Comparator;
import java.util.List;

/** The answers of a round as grid-intake receives them, whether every department answered or it was closed by order. */
public final class RoundAnswers {

    /** Written as the note of a department that had not answered when the dispatch was closed by order. */
    public static final String NO_ANSWER = "NONE";

    private RoundAnswers() {
    }

    /**
     * The answers so far, lead first: an answered department's answer; for one that had not answered, result null
     * and a note starting with {@value #NO_ANSWER}. Re-routed departments are left out, as the process does.
     */
    public static List<DispatchEvents.Answer> answersSoFar(List<DepartmentAssignment> assignments, String note) {
        return assignments.stream().filter(a -> a.status != AssignmentStatus.REROUTED)
                .sorted(Comparator.comparing((DepartmentAssignment a) -> DepartmentAssignment.LEAD.equals(a.role) ? 0 : 1)
                        .thenComparing(a -> a.createdAt).thenComparing(a -> a.department))
                .map(a -> a.status == AssignmentStatus.ANSWERED
                        ? new DispatchEvents.Answer(a.department, a.role, a.result, a.note)
                        : new DispatchEvents.Answer(a.department, a.role, null, NO_ANSWER + ": closed by order before "
                        + a.department + " answered (" + a.status + ")" + (note == null ? "" : " — " + note)))
                .toList();
    }
}
