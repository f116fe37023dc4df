package org.gridloop.reportin.process;

/** Names of the dispatch process's variables, shared by the driver and the adapters. */
public final class ProcessVariables {

    public static final String PROCESS_KEY = "dispatch";
    public static final String REQUEST_ID = "requestId";
    public static final String ROUND = "round";
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
    /** The input parameter of the limit-missed tasks: REPORT_IN or RESOLUTION. */
    public static final String LIMIT = "limit";
    private static final String ANSWER_PREFIX = "answer_";

    /** The variable holding one department's answer (JSON of {@code DispatchEvents.Answer}). */
    public static String answer(String department) {
        return ANSWER_PREFIX + department;
    }

    private ProcessVariables() {
    }
}
