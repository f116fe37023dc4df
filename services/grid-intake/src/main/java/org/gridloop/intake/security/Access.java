package org.gridloop.intake.security;

import org.gridloop.intake.domain.TrackingTokens;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;

/**
 * Who may see or act on a request. The reporter (by token subject or by tracking token), the grid workers of its
 * grid, supervisors of a unit above it, and admins see it; anyone else gets 404, as if it did not exist.
 */
public record Access(Caller caller, String trackingToken) {

    public boolean isReporter(ServiceRequest request) {
        if (TrackingTokens.matches(trackingToken, request.trackingTokenHash)) {
            return true;
        }
        return !caller.anonymous() && request.reporter != null && request.reporter.equals(caller.id())
                && caller.is(Roles.RESIDENT);
    }

    public boolean maySee(ServiceRequest request) {
        return isReporter(request) || caller.coversGrid(request.gridCode);
    }

    public void requireVisible(ServiceRequest request) {
        if (!maySee(request)) {
            throw ProblemException.notFound("no request " + request.id);
        }
    }

    /** Only the reporter rates. Others who may see it get 403; the rest 404. */
    public void requireReporter(ServiceRequest request) {
        requireVisible(request);
        if (!isReporter(request)) {
            throw ProblemException.forbidden("only the reporter rates a request");
        }
    }
}
