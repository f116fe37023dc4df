package org.gridloop.reportin.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.messaging.EventBatches;
import org.gridloop.platform.messaging.EventHandlers;
import org.gridloop.reportin.application.LoopEvents;

/**
 * report-in's one consumer (group {@code report-in}, topics gridloop.requests and gridloop.escalations): whistles
 * start dispatch rounds, escalation decisions move departments. Its own topic it only produces.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventBatches batches;

    EventConsumer(EventBatches batches) {
        this.batches = batches;
    }

    @Incoming("events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        batches.consume(records);
    }

    @Produces
    @Singleton
    static EventHandlers handlers(LoopEvents loop) {
        return EventHandlers.forConsumer("report-in")
                .on(EventTypes.REQUEST_WHISTLED, loop::whistled)
                .on(EventTypes.ESCALATION_DECIDED, loop::escalationDecided)
                .build();
    }
}
