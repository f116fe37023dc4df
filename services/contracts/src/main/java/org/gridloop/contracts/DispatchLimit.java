package org.gridloop.contracts;

/**
 * Which of a called department's time limits passed ({@link DispatchEvents.LimitMissed#limit()}): report-in's
 * timers announce it, escalation raises the matching escalation. On the wire each is its name.
 */
public enum DispatchLimit {
    /** 报到: the department did not report in. */
    REPORT_IN,
    /** 办结: the department did not answer. */
    RESOLUTION,
    /** A supervisor let the department's jurisdiction dispute wait. */
    DISPUTE_DECISION
}
