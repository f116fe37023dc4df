package org.gridloop.intake.process;

/** Names of the resident-request process's variables, shared by the driver and the adapters. */
public final class ProcessVariables {

    public static final String PROCESS_KEY = "resident-request";
    public static final String REQUEST_ID = org.gridloop.platform.process.ProcessEventPublisher.REQUEST_ID;
    public static final String CATEGORY = "category";
    /** resident, patrol (a grid worker's own report: no resident to ask for feedback) or open311. */
    public static final String SOURCE = "source";
    public static final String DESCRIPTION = "description";
    public static final String LATITUDE = "latitude";
    public static final String LONGITUDE = "longitude";
    public static final String ADDRESS = "address";
    public static final String GRID_CODE = "gridCode";
    public static final String ROUND = org.gridloop.platform.process.ProcessEventPublisher.ROUND;
    public static final String HANDLING = "handling";
    public static final String RATING = "rating";
    public static final String REWORK_COUNT = "reworkCount";
    public static final String MAX_REWORK = "maxRework";
    public static final String VERIFICATION_PASSED = "verificationPassed";
    public static final String WHISTLE_REASON = "whistleReason";
    public static final String GRID_HANDLING_LIMIT = "gridHandlingLimit";
    public static final String VERIFICATION_LIMIT = "verificationLimit";
    public static final String FEEDBACK_LIMIT = "feedbackLimit";

    private ProcessVariables() {
    }
}
