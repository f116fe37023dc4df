package org.gridloop.contracts;

/**
 * How a supervisor decided a department's jurisdiction dispute ({@link DispatchEvents.DisputeDecided#decision()}):
 * report-in decides and moves the departments, escalation ends a DISPUTE_UNDECIDED escalation on it. On the wire
 * each is its name.
 */
public enum DisputeDecision {
    /** The department keeps the case and carries on where it was. */
    CONFIRMED,
    /** Another department is called in its place ({@code toDepartment}). */
    REROUTED
}
