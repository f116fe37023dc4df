package org.gridloop.reportin.process;

/** Names of the dispatch process's variables, shared by the driver and the adapters. */
public final class ProcessVariables {

    public static final String PROCESS_KEY = "dispatch";
    public static final String REQUEST_ID = org.gridloop.platform.process.ProcessEventPublisher.REQUEST_ID;
    public static final String ROUND = org.gridloop.platform.process.ProcessEventPublisher.ROUND;
    public static final String CATEGORY = "category";
    public static final String GRID_CODE = "gridCode";
    public static final String DISTRICT = "district";
    /** Outputs of the routing table (null when no rule matched), mapped by the business rule task. */
    public static final String ROUTED_LEAD = "routedLead";
    public static final String ROUTED_CO_DEPARTMENTS = "routedCoDepartments";
    public static final String ROUTED_LIMIT_CLASS = "routedLimitClass";
    /** The multi-instance collection (transient: evaluated once, in the transaction that calls the departments). */
    public static final String DEPARTMENTS = "departments";
    /** The multi-instance element variable, and the receive tasks' local variable the driver correlates on. */
    public static final String DEPARTMENT = "department";
    /** "water:lead,housing:co": who was called, in what role, kept for the answers. */
    public static final String CALLED = "calledDepartments";
    public static final String REPORT_IN_DUE = "reportInDue";
    public static final String RESOLVE_DUE = "resolveDue";
    /** The input parameter of the limit-missed tasks: REPORT_IN, RESOLUTION or DISPUTE_DECISION. */
    public static final String LIMIT = "limit";
    /** The routing table's limit class the round was called with (kept for re-routes and the next round). */
    public static final String LIMIT_CLASS = "limitClass";
    /** A reopened round: the previous round's {@link #CALLED}, and its limit class; null in a first round. */
    public static final String PREVIOUS_DEPARTMENTS = "previousDepartments";
    public static final String PREVIOUS_LIMIT_CLASS = "previousLimitClass";
    // the department's own state, local to its sub-process instance (declared by the sub-process's input mapping)
    public static final String REPORTED_IN = "reportedIn";
    public static final String DISPUTE_DECISION_DUE = "disputeDecisionDue";
    /** From dispatch.dispute-decided: CONFIRMED or REROUTED, and the new department. */
    public static final String DECISION = "decision";
    public static final String TO_DEPARTMENT = "toDepartment";
    /** When the re-route or reassignment was decided: the new department's limits count from it. */
    public static final String DECIDED_AT = "decidedAt";
    /** From escalation.decided: NEW_DEADLINE or REASSIGN, and the new resolution limit. */
    public static final String ESCALATION_DECISION = "escalationDecision";
    public static final String NEW_DEADLINE = "newDeadline";

    /** The due time already announced as missed for a limit (a re-armed timer does not announce it twice). */
    public static String announced(String limit) {
        return "announced_" + limit;
    }
    private static final String ANSWER_PREFIX = "answer_";

    /** The variable holding one department's answer (JSON of {@code DispatchEvents.Answer}). */
    public static String answer(String department) {
        return ANSWER_PREFIX + department;
    }

    private ProcessVariables() {
    }
}
