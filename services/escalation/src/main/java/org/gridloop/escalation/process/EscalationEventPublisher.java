package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.platform.process.ProcessEventPublisher;

/** The escalation process's adapters announce their steps as escalation. */
@ApplicationScoped
public class EscalationEventPublisher extends ProcessEventPublisher {

    public static final String SOURCE = "/gridloop/escalation";

    @Override
    protected String source() {
        return SOURCE;
    }

    /** A variable as text; the escalation process keeps "none" as an empty string (no department), read as null. */
    public static String string(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }
}
