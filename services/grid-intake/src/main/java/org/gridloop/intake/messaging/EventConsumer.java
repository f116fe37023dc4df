package org.gridloop.intake.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gridloop.contracts.EventTypes;
import org.gridloop.intake.application.LoopEvents;
import org.gridloop.platform.messaging.EventBatches;
import org.gridloop.platform.messaging.EventHandlers;

/**
 * grid-intake's one consumer (group {@code grid-intake}, topics gridloop.dispatches and gridloop.escalations): the
 * events of other services that move a case here. Its own topic it only produces.
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
        return EventHandlers.forConsumer("grid-intake")
                .on(EventTypes.DISPATCH_RESOLVED, loop::dispatchResolved)
                .on(EventTypes.ESCALATION_DECIDED, loop::escalationDecided)
                .build();
    }
}
