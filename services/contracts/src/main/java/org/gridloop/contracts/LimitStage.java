package org.gridloop.contracts;

/**
 * The stage of a resident's request whose time limit passed ({@link RequestEvents.LimitMissed#stage()}):
 * grid-intake's timers announce it, escalation raises the matching escalation. On the wire each is its name.
 */
public enum LimitStage {
    /** 受理 (grid-intake accepts within the submission's own step today, so it does not announce this one). */
    ACCEPTANCE,
    /** The grid did not handle (or whistle) in time. */
    GRID_HANDLING,
    /** The grid worker did not verify the departments' answer in time. */
    VERIFICATION,
    /**
     * The resident did not rate in time. Announced by versions before the return visit (回访); today the feedback
     * limit starts the return visit instead, and a missing rating is never escalated.
     */
    FEEDBACK,
    /** The grid did not decide in time what follows a department's PARTLY or CANNOT_FIX answer. */
    CALLER_DECISION,
    /** The grid did not call the resident back (回访) in time. */
    RETURN_VISIT
}
