package org.gridloop.escalation.process;

/** Names of the escalation process's variables, shared by the driver and the adapters. */
public final class EscalationVariables {

    public static final String PROCESS_KEY = "escalation";
    public static final String REQUEST_ID = org.gridloop.platform.process.ProcessEventPublisher.REQUEST_ID;
    public static final String ESCALATION_ID = "escalationId";
    public static final String TRIGGER = "trigger";
    /** The stalled department, or "" when the trigger concerns no department. */
    public static final String DEPARTMENT = "department";
    public static final String GRID_CODE = "gridCode";
    /** {@link org.gridloop.contracts.UnitCodes.Level} name of the current level. */
    public static final String LEVEL = "level";
    public static final String UNIT = "unit";
    /** When the current level's supervisor task is due (a {@link java.util.Date}, read by the timer). */
    public static final String LEVEL_DUE = "levelDue";
    /** RESOLVED, DECIDED or CLOSED: set by the driver when it correlates what ends the escalation. */
    public static final String END_REASON = "endReason";
    /** How many more triggers of the same kind arrived while this escalation was open. */
    public static final String REPEATS = "repeats";

    private EscalationVariables() {
    }
}
