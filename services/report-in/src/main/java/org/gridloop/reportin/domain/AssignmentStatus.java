package org.gridloop.reportin.domain;

/** A called department's progress: 吹哨 (called), 报到 (reported in), 答复 (answered). Only forwards. */
public enum AssignmentStatus {
    CALLED,
    REPORTED_IN,
    ANSWERED
}
