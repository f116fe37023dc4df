package org.gridloop.escalation.domain;

import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.RequestEvents;

import java.util.Optional;

/**
 * What opens an escalation, and what means the case has moved on so the escalation ends as RESOLVED. A trigger
 * concerning a department (report-in, resolution, dispute) is only moved on by that department's own step, or by
 * the whole dispatch being resolved; a request-stage trigger by the step the limit waited for. A closed request
 * ends every escalation (CLOSED).
 */
public enum Trigger {
    REPORT_IN_MISSED,
    RESOLUTION_MISSED,
    DISPUTE_UNDECIDED,
    ACCEPTANCE_MISSED,
    GRID_HANDLING_MISSED,
    VERIFICATION_MISSED,
    /** Announced by grid-intake before the return visit (回访); a missing rating is not escalated any more. */
    FEEDBACK_MISSED,
    /** The grid did not call back (回访) a resident who did not rate, in time. */
    RETURN_VISIT_MISSED,
    /** The grid did not decide in time what follows a department's PARTLY or CANNOT_FIX answer. */
    CALLER_DECISION_MISSED,
    /** 上提一级 on purpose: the grid cannot solve the case and raised it (request.raised), with its reason. */
    RAISED,
    /**
     * 上提一级 on purpose: a community or street (or district) supervisor cannot solve the case at their level and
     * raised it to the level above, with the reason ({@code POST /api/cases/{id}/raise}). It waits for that level's
     * decision (or climbs on); nothing the case does meanwhile ends it, only a decision or the case closing.
     */
    SUPERVISOR_RAISED;

    /** The trigger a missed-limit event stands for, empty for a limit this service does not escalate. */
    public static Optional<Trigger> of(Object data) {
        if (data instanceof DispatchEvents.LimitMissed l && l.limit() != null) {
            // a limit a newer producer added decodes as null: not escalated here
            return Optional.of(switch (l.limit()) {
                case REPORT_IN -> REPORT_IN_MISSED;
                case RESOLUTION -> RESOLUTION_MISSED;
                case DISPUTE_DECISION -> DISPUTE_UNDECIDED;
            });
        }
        if (data instanceof RequestEvents.Raised) {
            return Optional.of(RAISED);
        }
        if (data instanceof RequestEvents.LimitMissed l && l.stage() != null) {
            // a stage a newer producer added decodes as null: not escalated here
            return Optional.of(switch (l.stage()) {
                case ACCEPTANCE -> ACCEPTANCE_MISSED;
                case GRID_HANDLING -> GRID_HANDLING_MISSED;
                case VERIFICATION -> VERIFICATION_MISSED;
                case FEEDBACK -> FEEDBACK_MISSED;
                case CALLER_DECISION -> CALLER_DECISION_MISSED;
                case RETURN_VISIT -> RETURN_VISIT_MISSED;
            });
        }
        return Optional.empty();
    }

    /** Whether {@code data} shows the case moved past what this trigger (for {@code department}) waited for. */
    public boolean movedOnBy(Object data, String department) {
        if (data instanceof DispatchEvents.Resolved) {
            return isDepartmental();
        }
        return switch (this) {
            case REPORT_IN_MISSED -> data instanceof DispatchEvents.ReportedIn r && same(r.department(), department)
                    || data instanceof DispatchEvents.Answered a && same(a.department(), department);
            case RESOLUTION_MISSED -> data instanceof DispatchEvents.Answered a && same(a.department(), department);
            case DISPUTE_UNDECIDED -> data instanceof DispatchEvents.DisputeDecided d
                    && same(d.department(), department)
                    || data instanceof DispatchEvents.Answered a && same(a.department(), department);
            case ACCEPTANCE_MISSED -> data instanceof RequestEvents.Accepted;
            case GRID_HANDLING_MISSED -> data instanceof RequestEvents.HandledOnSite
                    || data instanceof RequestEvents.Whistled;
            case VERIFICATION_MISSED -> data instanceof RequestEvents.Verified;
            case FEEDBACK_MISSED -> data instanceof RequestEvents.Rated;
            case RETURN_VISIT_MISSED -> data instanceof RequestEvents.ReturnVisited
                    || data instanceof RequestEvents.Rated;
            case CALLER_DECISION_MISSED -> data instanceof RequestEvents.CallerDecided;
            // the grid found a way after all: handled it, or decided after the departments
            case RAISED -> data instanceof RequestEvents.HandledOnSite || data instanceof RequestEvents.CallerDecided;
            // handed to the level above on purpose: that level decides (or the case closes)
            case SUPERVISOR_RAISED -> false;
        };
    }

    public boolean isDepartmental() {
        return this == REPORT_IN_MISSED || this == RESOLUTION_MISSED || this == DISPUTE_UNDECIDED;
    }

    private static boolean same(String a, String b) {
        return a != null && a.equals(b);
    }
}
