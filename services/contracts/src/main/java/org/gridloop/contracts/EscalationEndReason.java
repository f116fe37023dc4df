package org.gridloop.contracts;

/**
 * Why an escalation is over ({@link EscalationEvents.Ended#reason()}): escalation ends it and counts it in its
 * evaluation; integrators follow it. On the wire each is its name.
 */
public enum EscalationEndReason {
    /** The case moved past what the escalation's trigger waited for (the department reported in, answered ...). */
    RESOLVED,
    /** A supervisor decided it ({@link EscalationDecision}). */
    DECIDED,
    /** The case closed (办结销号). */
    CLOSED
}
