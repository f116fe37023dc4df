package org.gridloop.platform.process;

import jakarta.inject.Inject;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.platform.outbox.JdbcOutbox;

import java.time.Instant;
import java.util.Date;

/**
 * What the process adapters of every service share: reading the case from the process variables and announcing a
 * step through the outbox, inside the engine's transaction (a rolled-back step announces nothing). Each service
 * names the CloudEvents source its processes speak as.
 */
public abstract class ProcessEventPublisher {

    /** The variable every GridLoop process keeps the request id in (it is also the business key). */
    public static final String REQUEST_ID = "requestId";
    /** The dispatch round a process step belongs to (1 unless a case went back to the departments). */
    public static final String ROUND = "round";

    @Inject
    JdbcOutbox outbox;

    /** The CloudEvents {@code source} of the events this service's processes publish. */
    protected abstract String source();

    public <T> void publish(DelegateExecution execution, EventType<T> type, T payload) {
        outbox.add(CloudEvent.of(type, source(), requestId(execution), Actor.SYSTEM, payload));
    }

    public static String requestId(DelegateExecution execution) {
        return (String) execution.getVariable(REQUEST_ID);
    }

    public static String string(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }

    public static int round(DelegateExecution execution) {
        Object value = execution.getVariable(ROUND);
        return value == null ? 1 : ((Number) value).intValue();
    }

    public static Instant instant(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Date date ? date.toInstant() : null;
    }
}
