package org.gridloop.reportin.application;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.reportin.domain.AssignmentStatus;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The record side of what the dispatch process does on a re-route (dispute) or a reassignment (escalation), and of
 * a closing by order. The process computes the new department's limits from the same instant {@code at} (the
 * event's time) and the same durations, so record and timers agree.
 */
public final class Rerouting {

    /** Written as the note of a department that had not answered when the dispatch was closed by order. */
    public static final String NO_ANSWER = "NONE";

    private Rerouting() {
    }

    /** Ends {@code from} as REROUTED and calls {@code to} in its place, same role, fresh limits counted from {@code at}. */
    public static Uni<DepartmentAssignment> reroute(Dispatch dispatch, DepartmentAssignment from, String to,
                                                    Instant at, Limits limits) {
        from.reroute();
        // written before the new assignment is inserted (seen lost otherwise when only dirty-checked at commit)
        Uni<DepartmentAssignment> ended = Panache.getSession().chain(session -> session.flush()).replaceWith(from);
        Duration resolve = dispatch.resolveLimitMs != null ? Duration.ofMillis(dispatch.resolveLimitMs)
                : limits.resolve(Limits.GENERAL);
        return ended.chain(() -> DepartmentAssignment.called(dispatch.requestId, dispatch.round, to, from.role,
                at.plus(limits.reportIn()), at.plus(resolve)).persist());
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
                        ? new DispatchEvents.Answer(a.department, a.role, a.result.name(), a.note)
                        : new DispatchEvents.Answer(a.department, a.role, null, NO_ANSWER + ": closed by order before "
                        + a.department + " answered (" + a.status + ")" + (note == null ? "" : " — " + note)))
                .toList();
    }
}
