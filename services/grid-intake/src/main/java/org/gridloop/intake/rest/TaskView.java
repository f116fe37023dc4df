package org.gridloop.intake.rest;

import org.gridloop.intake.domain.ServiceRequest;

import java.time.Instant;

/**
 * A grid worker's task: the request, what is asked of the grid now, who has it, and by when ({@code due}: the time
 * limit's due time on the city's work calendar, the one the step announced and the process's timer counts to).
 */
public record TaskView(String kind, String claimedBy, Instant due, RequestView request) {

    /**
     * ACCEPT a report the routing table held back for a person (受理: accept or reject it), REVIEW a new case (reject
     * or let it run), HANDLE it on site, DECIDE what follows a department's PARTLY or
     * CANNOT_FIX answer (verify anyway, reroute, close as not solvable), VERIFY the departments' work, RETURN_VISIT: call
     * back a resident who did not rate in time (回访).
     */
    public static TaskView of(ServiceRequest r) {
        String kind = switch (r.status) {
            case SUBMITTED -> "ACCEPT";
            case GRID_HANDLING -> "HANDLE";
            case VERIFYING -> "VERIFY";
            case AWAITING_DECISION -> "DECIDE";
            case RETURN_VISIT -> "RETURN_VISIT";
            default -> "REVIEW";
        };
        boolean timed = switch (r.status) {
            case SUBMITTED, GRID_HANDLING, VERIFYING, AWAITING_DECISION, RETURN_VISIT -> true;
            default -> false;
        };
        return new TaskView(kind, r.claimedBy, timed ? r.taskDueAt : null, RequestView.of(r));
    }

    /** The same task with its request's stored photos. */
    public TaskView withPhotos(java.util.List<org.gridloop.intake.domain.Photo> stored) {
        return new TaskView(kind, claimedBy, due, request.withPhotos(stored));
    }
}
