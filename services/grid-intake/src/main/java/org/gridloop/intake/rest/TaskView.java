package org.gridloop.intake.rest;

import org.gridloop.intake.domain.ServiceRequest;

/** A grid worker's task: the request, what is asked of the grid now, and who has it. */
public record TaskView(String kind, String claimedBy, RequestView request) {

    /**
     * REVIEW a new case (reject or let it run), HANDLE it on site, DECIDE what follows a department's PARTLY or
     * CANNOT_FIX answer (verify anyway, reroute, close as not solvable), VERIFY the departments' work, RETURN_VISIT: call
     * back a resident who did not rate in time (回访).
     */
    public static TaskView of(ServiceRequest r) {
        String kind = switch (r.status) {
            case GRID_HANDLING -> "HANDLE";
            case VERIFYING -> "VERIFY";
            case AWAITING_DECISION -> "DECIDE";
            case RETURN_VISIT -> "RETURN_VISIT";
            default -> "REVIEW";
        };
        return new TaskView(kind, r.claimedBy, RequestView.of(r));
    }

    /** The same task with its request's stored photos. */
    public TaskView withPhotos(java.util.List<org.gridloop.intake.domain.Photo> stored) {
        return new TaskView(kind, claimedBy, request.withPhotos(stored));
    }
}
