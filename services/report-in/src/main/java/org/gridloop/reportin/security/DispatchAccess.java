package org.gridloop.reportin.security;

import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;

import java.util.List;
import java.util.Optional;

/**
 * Who may see or act on a dispatch. Staff of a called department see it and act for their department only;
 * supervisors of a unit above its grid and admins read it; anyone else gets 404, as if it did not exist.
 */
public record DispatchAccess(Caller caller) {

    public Optional<String> department() {
        return caller.is(Roles.DEPARTMENT) ? caller.department() : Optional.empty();
    }

    public boolean maySee(Dispatch dispatch, List<DepartmentAssignment> assignments) {
        if (department().map(d -> assignments.stream().anyMatch(a -> a.department.equals(d))).orElse(false)) {
            return true;
        }
        return caller.is(Roles.ADMIN)
                || caller.is(Roles.SUPERVISOR) && dispatch.gridCode != null && caller.coversGrid(dispatch.gridCode);
    }

    public void requireVisible(Dispatch dispatch, List<DepartmentAssignment> assignments) {
        if (!maySee(dispatch, assignments)) {
            throw ProblemException.notFound("no dispatch " + dispatch.requestId);
        }
    }

    /** Supervisors of a unit above the dispatch's grid, and admins, decide disputes and close by order. */
    public boolean maySupervise(Dispatch dispatch) {
        return caller.is(Roles.ADMIN)
                || caller.is(Roles.SUPERVISOR) && dispatch.gridCode != null && caller.coversGrid(dispatch.gridCode);
    }

    public void requireSupervising(Dispatch dispatch) {
        if (!maySupervise(dispatch)) {
            throw ProblemException.notFound("no dispatch " + dispatch.requestId);
        }
    }
}
