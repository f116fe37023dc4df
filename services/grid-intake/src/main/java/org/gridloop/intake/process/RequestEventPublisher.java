package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.application.RequestCommands;
import org.gridloop.platform.outbox.JdbcOutbox;

/** What the adapters share: reading the request from the process and announcing a step in the engine's transaction. */
@ApplicationScoped
public class RequestEventPublisher {

    @Inject
    JdbcOutbox outbox;

    public <T> void publish(DelegateExecution execution, EventType<T> type, T payload) {
        outbox.add(CloudEvent.of(type, RequestCommands.SOURCE, requestId(execution), Actor.SYSTEM, payload));
    }

    public static String requestId(DelegateExecution execution) {
        return (String) execution.getVariable(ProcessVariables.REQUEST_ID);
    }

    public static String string(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }

    public static int round(DelegateExecution execution) {
        Object value = execution.getVariable(ProcessVariables.ROUND);
        return value == null ? 1 : ((Number) value).intValue();
    }

    public static RequestEvents.Location location(DelegateExecution execution) {
        return new RequestEvents.Location(((Number) execution.getVariable(ProcessVariables.LATITUDE)).doubleValue(),
                ((Number) execution.getVariable(ProcessVariables.LONGITUDE)).doubleValue(),
                string(execution, ProcessVariables.ADDRESS));
    }
}
