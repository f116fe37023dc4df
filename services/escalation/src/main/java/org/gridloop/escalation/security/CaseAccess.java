package org.gridloop.escalation.security;

import jakarta.enterprise.context.RequestScoped;
import org.gridloop.escalation.domain.CaseFile;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;

/**
 * Who may audit a case: admins, and supervisors whose unit covers the case's grid. The roles are checked on the
 * resource (others get 403); a supervisor of another unit gets 404, as if the case did not exist.
 */
@RequestScoped
public class CaseAccess {

    private final Caller caller;

    CaseAccess(Caller caller) {
        this.caller = caller;
    }

    public boolean maySee(CaseFile file) {
        if (caller.is(Roles.ADMIN)) {
            return true;
        }
        return caller.is(Roles.SUPERVISOR) && file.gridCode != null && caller.coversGrid(file.gridCode);
    }

    public CaseFile requireVisible(CaseFile file, String requestId) {
        if (file == null || !maySee(file)) {
            throw ProblemException.notFound("no case " + requestId);
        }
        return file;
    }
}
