package org.gridloop.escalation.domain;

/**
 * Where a case stands, as the timeline derives it from the last lifecycle event on gridloop.requests. The names
 * follow grid-intake's request status; {@code REOPENED} marks an unsatisfied rating sending it back to handling.
 */
public enum CaseStatus {
    SUBMITTED,
    ACCEPTED,
    REJECTED,
    MERGED,
    GRID_HANDLING,
    WHISTLED,
    /** A department answered PARTLY or CANNOT_FIX: the grid decides what follows. */
    AWAITING_DECISION,
    VERIFYING,
    AWAITING_FEEDBACK,
    /** 回访: no rating in time, the grid calls the resident back. */
    RETURN_VISIT,
    REOPENED,
    CLOSED
}
