package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.reportin.application.DispatchCommands;
import org.gridloop.platform.outbox.JdbcOutbox;

import java.time.Instant;
import java.util.Date;

/** What the adapters share: reading the dispatch from the process and announcing a step in the engine's transaction. */
@ApplicationScoped
public class DispatchEventPublisher {

    @Inject
    JdbcOutbox outbox;

    public <T> void publish(DelegateExecution execution, EventType<T> type, T payload) {
        outbox.add(CloudEvent.of(type, DispatchCommands.SOURCE, requestId(execution), Actor.SYSTEM, payload));
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

    public static Instant instant(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Date date ? date.toInstant() : null;
    }
}
