package org.gridloop.intake.domain;

/** Where a resident request stands in the loop. */
public enum RequestStatus {
    /** 发现: received, not yet taken on by the process. */
    SUBMITTED,
    /** 受理: validated and classified. */
    ACCEPTED,
    /** 受理 refused with a reason. */
    REJECTED,
    /** A duplicate: the reporter follows another case. */
    MERGED,
    /** 分流 to the grid: waiting for, or with, a grid worker. */
    GRID_HANDLING,
    /** 吹哨: departments are handling it. */
    WHISTLED,
    /** A department answered PARTLY or CANNOT_FIX: the grid that whistled decides what follows. */
    AWAITING_DECISION,
    /** 核查: the grid worker checks the departments' work on site. */
    VERIFYING,
    /** 反馈: waiting for the resident's rating. */
    AWAITING_FEEDBACK,
    /** 回访: no rating in time; the grid calls the resident back (the resident may still rate). */
    RETURN_VISIT,
    /** 办结销号: final. */
    CLOSED;

    public boolean open() {
        return this != CLOSED && this != REJECTED && this != MERGED;
    }
}
