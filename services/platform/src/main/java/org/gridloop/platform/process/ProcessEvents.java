package org.gridloop.platform.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.platform.outbox.EventsConfig;
import org.gridloop.platform.outbox.JdbcOutbox;

/**
 * How process adapters announce a step: through the outbox, in the engine's transaction (a rolled-back step
 * announces nothing), as the service ({@code gridloop.events.source}) acting as the system.
 */
@ApplicationScoped
public class ProcessEvents {

    /** The variable every GridLoop process keeps the request id in (it is also the business key). */
    public static final String REQUEST_ID = "requestId";

    private final JdbcOutbox outbox;
    private final String source;

    ProcessEvents(JdbcOutbox outbox, EventsConfig events) {
        this.outbox = outbox;
        this.source = events.source();
    }

    public <T> void publish(String requestId, EventType<T> type, T payload) {
        outbox.add(CloudEvent.of(type, source, requestId, Actor.SYSTEM, payload));
    }

    public static String requestId(DelegateExecution execution) {
        return (String) execution.getVariable(REQUEST_ID);
    }

    public static String string(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }
}
