package org.gridloop.intake.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.gridloop.contracts.EventTypes;
import org.gridloop.intake.application.LoopEvents;
import org.gridloop.platform.messaging.EventHandlers;

/**
 * What grid-intake's one consumer (the platform's {@code EventBatches}; group {@code grid-intake}, topics
 * gridloop.dispatches and gridloop.escalations, see application.properties) does with each event type: the events
 * of other services that move a case here. Its own topic it only produces.
 */
@Singleton
public class EventTable {

    @Produces
    @Singleton
    static EventHandlers handlers(LoopEvents loop) {
        return EventHandlers.forConsumer("grid-intake")
                .on(EventTypes.DISPATCH_RESOLVED, loop::dispatchResolved)
                .on(EventTypes.ESCALATION_DECIDED, loop::escalationDecided)
                .build();
    }
}
