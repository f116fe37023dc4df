package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.platform.outbox.JdbcOutbox;

/** What the adapters share: reading the escalation from the process and announcing a step in the engine's tx. */
@ApplicationScoped
public class EscalationEventPublisher {

    public static final String SOURCE = "/gridloop/escalation";

    @Inject
    JdbcOutbox outbox;

    public <T> void publish(DelegateExecution execution, EventType<T> type, T payload) {
        outbox.add(CloudEvent.of(type, SOURCE, string(execution, EscalationVariables.REQUEST_ID), Actor.SYSTEM,
                payload));
    }

    public static String string(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }
}
