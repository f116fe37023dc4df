package org.gridloop.reportin.domain;

/**
 * A called department's progress: 吹哨 (called), 报到 (reported in), 答复 (answered). A department may dispute its
 * jurisdiction while CALLED or REPORTED_IN; a supervisor confirms (back to where it was) or re-routes it (REROUTED,
 * final: another department is called in its place).
 */
public enum AssignmentStatus {
    CALLED,
    REPORTED_IN,
    DISPUTED,
    ANSWERED,
    REROUTED;

    /** Still expected to do something (not answered, not replaced). */
    public boolean open() {
        return this == CALLED || this == REPORTED_IN || this == DISPUTED;
    }
}
