package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.variable.Variables;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEndReason;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.platform.process.ProcessEvents;

/**
 * The escalation process ({@code bpmn/escalation/escalation.bpmn}) as the driver and the decision drive it, inside
 * their transaction. It keeps two variables: the request id (also the business key) and the escalation id; the
 * escalation record is the one truth about trigger, department, grid, level and due, and the adapters and the
 * timer read it ({@link EscalationLadder}). Messages are named after the event type that ends the wait and
 * correlate on the escalation; why the escalation ends travels with the message as a transient variable.
 */
@ApplicationScoped
public class EscalationProcess {

    public static final String KEY = "escalation";
    static final String ESCALATION_ID = "escalationId";
    /** RESOLVED, DECIDED or CLOSED: transient, set with the message that ends the escalation. */
    static final String END_REASON = "endReason";
    /** The supervisor's decision: transient, with the decided message (RAISE lifts instead of ending). */
    static final String DECISION = "decision";
    /** escalation-entry.dmn's answer, read (and removed) by the raise: the level the escalation enters at. */
    static final String ENTRY_LEVEL = "entryLevel";

    private final RuntimeService runtime;

    EscalationProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * 上提一级 happens in this call: the process decides where the new escalation enters the ladder
     * (escalation-entry.dmn), raises it to that level and waits there.
     */
    public void start(Escalation escalation) {
        runtime.startProcessInstanceByKey(KEY, escalation.requestId, Variables.createVariables()
                .putValue(ProcessEvents.REQUEST_ID, escalation.requestId)
                .putValue(ESCALATION_ID, escalation.id));
    }

    /** A supervisor decided: the process ends the escalation (DECIDED) in this call. */
    public void decided(Escalation escalation) {
        correlation(escalation, EventTypes.ESCALATION_DECIDED.name())
                .setVariable(END_REASON, Variables.stringValue(EscalationEndReason.DECIDED.name(), true))
                .setVariable(DECISION, Variables.stringValue(escalation.decision, true))
                .correlate();
    }

    /** 上提一级 on purpose: the level's supervisor raised it; the process lifts it to the next level in this call. */
    public void raised(Escalation escalation) {
        correlation(escalation, EventTypes.ESCALATION_DECIDED.name())
                .setVariable(DECISION, Variables.stringValue(EscalationDecision.RAISE.name(), true))
                .correlate();
    }

    /** The case moved on (RESOLVED) or closed (CLOSED), as the event of {@code type} says: ends it in this call. */
    public void end(Escalation escalation, String type, EscalationEndReason reason) {
        correlation(escalation, type)
                .setVariable(END_REASON, Variables.stringValue(reason.name(), true))
                .correlate();
    }

    /** The message {@code type} to this escalation's process instance (one per escalation of the request). */
    private MessageCorrelationBuilder correlation(Escalation escalation, String type) {
        return runtime.createMessageCorrelation(type)
                .processInstanceBusinessKey(escalation.requestId)
                .processInstanceVariableEquals(ESCALATION_ID, escalation.id);
    }

    static String escalationId(DelegateExecution execution) {
        return ProcessEvents.string(execution, ESCALATION_ID);
    }

    /**
     * The level escalation-entry.dmn chose, taken off the process (the record keeps the level); the community when
     * the table has no answer.
     */
    static UnitCodes.Level takeEntryLevel(DelegateExecution execution) {
        String level = ProcessEvents.string(execution, ENTRY_LEVEL);
        execution.removeVariable(ENTRY_LEVEL);
        return level == null ? UnitCodes.Level.COMMUNITY : UnitCodes.Level.valueOf(level);
    }

    /** Null when the process ended it by itself (a supervisor's decision task completed). */
    static EscalationEndReason endReason(DelegateExecution execution) {
        String reason = ProcessEvents.string(execution, END_REASON);
        return reason == null ? null : EscalationEndReason.valueOf(reason);
    }
}
