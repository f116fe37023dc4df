package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.gridloop.contracts.DisputeDecision;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.process.ProcessEvents;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The dispatch process ({@code bpmn/report-in/dispatch.bpmn}) as the commands drive it, inside their transaction.
 * A department's branch waits in receive tasks named after the event that moves it and is correlated on the
 * request id, the round and the department. What a gateway or adapter needs right after a message (a decision, the
 * department to call instead, a new deadline) travels as a transient variable; the rest is on the records.
 */
@ApplicationScoped
public class DispatchProcess {

    public static final String KEY = "dispatch";
    static final String ROUND = "round";
    static final String CATEGORY = "category";
    static final String DISTRICT = "district";
    /** The routing table's outputs (null when no rule matched), mapped by the business rule task. */
    static final String ROUTED_LEAD = "routedLead";
    static final String ROUTED_CO_DEPARTMENTS = "routedCoDepartments";
    static final String ROUTED_LIMIT_CLASS = "routedLimitClass";
    static final String ROUTED_REPORT_IN_LIMIT = "routedReportInLimit";
    static final String ROUTED_RESOLVE_LIMIT = "routedResolveLimit";
    /** A reopened round: "water:lead,housing:co" of the previous round (transient; null in a first round). */
    static final String PREVIOUS_DEPARTMENTS = "previousDepartments";
    static final String PREVIOUS_LIMIT_CLASS = "previousLimitClass";
    /** The multi-instance collection (transient: read once, in the step that calls the departments). */
    static final String DEPARTMENTS = "departments";
    /** The multi-instance element variable, and the receive tasks' local variable correlation matches. */
    static final String DEPARTMENT = "department";
    /** The multi-instance sub-process: one branch per called department. */
    static final String DEPARTMENT_BRANCH = "SubProcess_Department";
    /** From a dispute decision: CONFIRMED or REROUTED; from an escalation decision: NEW_DEADLINE or REASSIGN. */
    static final String DECISION = "decision";
    static final String ESCALATION_DECISION = "escalationDecision";
    static final String TO_DEPARTMENT = "toDepartment";
    static final String DECIDED_AT = "decidedAt";
    static final String NEW_DEADLINE = "newDeadline";

    private final RuntimeService runtime;

    DispatchProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** 吹哨: the routing table (or the previous round) picks the departments, who are called in this call. */
    public void start(Dispatch dispatch, String previousDepartments, String previousLimitClass) {
        runtime.startProcessInstanceByKey(KEY, dispatch.requestId, Variables.createVariables()
                .putValue(ProcessEvents.REQUEST_ID, dispatch.requestId)
                .putValue(ROUND, dispatch.round)
                .putValue(CATEGORY, dispatch.category)
                .putValue(DISTRICT, dispatch.district)
                .putValueTyped(PREVIOUS_DEPARTMENTS, Variables.stringValue(previousDepartments, true))
                .putValueTyped(PREVIOUS_LIMIT_CLASS, Variables.stringValue(previousLimitClass, true)));
    }

    /**
     * 会商联办: one more department branch in the round's running multi-instance sub-process (its assignment is
     * stored already: the branch reads its limits from it), so the round resolves only once it answered too.
     */
    public void convene(Dispatch dispatch, String department) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(dispatch.requestId)
                .variableValueEquals(ROUND, dispatch.round).active().singleResult();
        if (instance == null) {
            throw new IllegalStateException("no running dispatch process for " + dispatch.id);
        }
        ActivityInstance body = Arrays.stream(runtime.getActivityInstance(instance.getId()).getChildActivityInstances())
                .filter(a -> (DEPARTMENT_BRANCH + "#multiInstanceBody").equals(a.getActivityId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the departments of " + dispatch.id + " are done"));
        runtime.createProcessInstanceModification(instance.getId())
                .startBeforeActivity(DEPARTMENT_BRANCH, body.getId())
                .setVariableLocal(DEPARTMENT, department)
                .execute();
    }

    public boolean reportedIn(DepartmentAssignment assignment) {
        return !correlate(EventTypes.DISPATCH_REPORTED_IN, assignment, Variables.createVariables()).isEmpty();
    }

    public boolean answered(DepartmentAssignment assignment) {
        return !correlate(EventTypes.DISPATCH_ANSWERED, assignment, Variables.createVariables()).isEmpty();
    }

    public boolean disputed(DepartmentAssignment assignment) {
        return !correlate(EventTypes.DISPATCH_DISPUTED, assignment, Variables.createVariables()).isEmpty();
    }

    /** CONFIRMED: the branch resumes; REROUTED: it goes on for {@code toDepartment}, limits counted from {@code at}. */
    public boolean disputeDecided(DepartmentAssignment assignment, DisputeDecision decision, String toDepartment,
                                  Instant at) {
        return !correlate(EventTypes.DISPATCH_DISPUTE_DECIDED, assignment, Variables.createVariables()
                .putValueTyped(DECISION, Variables.stringValue(decision.name(), true))
                .putValueTyped(TO_DEPARTMENT, Variables.stringValue(toDepartment, true))
                .putValueTyped(DECIDED_AT, Variables.dateValue(java.util.Date.from(at), true))).isEmpty();
    }

    /** An escalation's NEW_DEADLINE or REASSIGN for a department still at work; false when it is not waiting. */
    public boolean escalationDecided(DepartmentAssignment assignment, EscalationDecision decision,
                                     String toDepartment, Instant newDeadline, Instant at) {
        return !correlate(EventTypes.ESCALATION_DECIDED, assignment, Variables.createVariables()
                .putValueTyped(ESCALATION_DECISION, Variables.stringValue(decision.name(), true))
                .putValueTyped(TO_DEPARTMENT, Variables.stringValue(toDepartment, true))
                .putValueTyped(NEW_DEADLINE, Variables.dateValue(newDeadline == null ? null
                        : java.util.Date.from(newDeadline), true))
                .putValueTyped(DECIDED_AT, Variables.dateValue(java.util.Date.from(at), true))).isEmpty();
    }

    /** 责令办结: the round was resolved by order; its departments' branches end without a second resolution. */
    public void closedByOrder(Dispatch dispatch) {
        runtime.createMessageCorrelation(EventTypes.DISPATCH_RESOLVED.name())
                .processInstanceBusinessKey(dispatch.requestId)
                .processInstanceVariableEquals(ROUND, dispatch.round)
                .correlateAllWithResult();
    }

    private List<MessageCorrelationResult> correlate(EventType<?> type, DepartmentAssignment assignment,
                                                     VariableMap variables) {
        return runtime.createMessageCorrelation(type.name())
                .processInstanceBusinessKey(assignment.requestId)
                .processInstanceVariableEquals(ROUND, assignment.round)
                .localVariableEquals(DEPARTMENT, assignment.department)
                .setVariables(variables)
                .correlateAllWithResult();
    }
}
