package org.gridloop.intake.rest;

import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;

/** A grid worker's task: the request, what is asked of the grid now, and who has it. */
public record TaskView(String kind, String claimedBy, RequestView request) {

    /** REVIEW a new case (reject or let it run), HANDLE it on site, VERIFY the departments' work. */
    public static TaskView of(ServiceRequest r) {
        String kind = r.status == RequestStatus.GRID_HANDLING ? "HANDLE"
                : r.status == RequestStatus.VERIFYING ? "VERIFY" : "REVIEW";
        return new TaskView(kind, r.claimedBy, RequestView.of(r));
    }
}
