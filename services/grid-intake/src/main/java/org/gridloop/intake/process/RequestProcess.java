package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.gridloop.contracts.CallerDecision;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.platform.process.ProcessEvents;

/**
 * The resident-request process ({@code bpmn/grid-intake/resident-request.bpmn}) as the commands drive it, inside
 * their transaction. Messages are named after the event type that announces the step and correlate on the request
 * id (the business key). What a gateway decides right after a message (a rating, a verification's result, a
 * whistle's reason) travels as a transient variable: used in this command, never stored.
 */
@ApplicationScoped
public class RequestProcess {

    public static final String KEY = "resident-request";
    static final String CATEGORY = "category";
    /**
     * resident, patrol (a grid worker's own finding: no resident to ask), open311 or proactive (a supervisor's
     * proactive case, 未诉先办: no resident to ask either).
     */
    static final String SOURCE = "source";
    /** The routing table's answer: GRID, or anything else for the departments. */
    static final String HANDLING = "handling";
    static final String REWORK_COUNT = "reworkCount";
    static final String RATING = "rating";
    static final String VERIFICATION_PASSED = "verificationPassed";
    static final String WHISTLE_REASON = "whistleReason";
    static final String REACHED = "reached";
    /** A department answered PARTLY or CANNOT_FIX in the resolved round: the caller decides next. */
    static final String UNSOLVED = "unsolved";
    static final String CALLER_DECISION = "callerDecision";

    private final RuntimeService runtime;

    RequestProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * 分流 and 受理 happen in this call: the process routes, accepts (or, where the routing table says a person
     * accepts, waits for a grid worker's acceptance) and waits at the grid or the departments.
     */
    public void start(ServiceRequest request) {
        runtime.startProcessInstanceByKey(KEY, request.id, Variables.createVariables()
                .putValue(ProcessEvents.REQUEST_ID, request.id)
                .putValue(CATEGORY, request.category)
                .putValue(SOURCE, request.source)
                .putValue(REWORK_COUNT, 0));
    }

    /** 受理 by a grid worker: the process routes the report to the grid or the departments, in this step. */
    public void accepted(ServiceRequest request) {
        correlate(EventTypes.REQUEST_ACCEPTED, request, Variables.createVariables());
    }

    public void handledOnSite(ServiceRequest request) {
        correlate(EventTypes.REQUEST_HANDLED_ON_SITE, request, Variables.createVariables());
    }

    public void whistleBlown(ServiceRequest request, String reason) {
        correlate(EventTypes.REQUEST_WHISTLE_BLOWN, request, Variables.createVariables()
                .putValueTyped(WHISTLE_REASON, Variables.stringValue(reason, true)));
    }

    public void verified(ServiceRequest request, boolean passed) {
        correlate(EventTypes.REQUEST_VERIFIED, request, Variables.createVariables()
                .putValueTyped(VERIFICATION_PASSED, Variables.booleanValue(passed, true)));
    }

    public void rejected(ServiceRequest request) {
        correlate(EventTypes.REQUEST_REJECTED, request, Variables.createVariables());
    }

    public void rated(ServiceRequest request, int rating) {
        correlate(EventTypes.REQUEST_RATED, request, Variables.createVariables()
                .putValueTyped(RATING, Variables.integerValue(rating, true)));
    }

    /** 回访 done: reached, with the resident's rating (the same gateway as their own), or nobody reached. */
    public void returnVisited(ServiceRequest request, boolean reached, Integer rating) {
        VariableMap variables = Variables.createVariables()
                .putValueTyped(REACHED, Variables.booleanValue(reached, true));
        if (rating != null) {
            variables.putValueTyped(RATING, Variables.integerValue(rating, true));
        }
        correlate(EventTypes.REQUEST_RETURN_VISITED, request, variables);
    }

    /**
     * The departments are done with this round: the grid verifies next, or, when one of them answered PARTLY or
     * CANNOT_FIX ({@code unsolved}), decides what follows.
     */
    public void dispatchResolved(ServiceRequest request, boolean unsolved) {
        correlate(EventTypes.DISPATCH_RESOLVED, request, Variables.createVariables()
                .putValueTyped(UNSOLVED, Variables.booleanValue(unsolved, true)));
    }

    /** The caller's decision: verify anyway, another round of the departments, or close as not solvable. */
    public void callerDecided(ServiceRequest request, CallerDecision decision) {
        correlate(EventTypes.REQUEST_CALLER_DECIDED, request, Variables.createVariables()
                .putValueTyped(CALLER_DECISION, Variables.stringValue(decision.name(), true)));
    }

    /** A supervisor ordered the case closed: wherever it stands; a case that closed meanwhile has nothing left. */
    public void closingOrdered(String requestId) {
        runtime.createMessageCorrelation(EventTypes.ESCALATION_DECIDED.name()).processInstanceBusinessKey(requestId)
                .correlateAll();
    }

    private void correlate(EventType<?> type, ServiceRequest request, VariableMap variables) {
        runtime.createMessageCorrelation(type.name())
                .processInstanceBusinessKey(request.id)
                .setVariables(variables)
                .correlate();
    }
}
