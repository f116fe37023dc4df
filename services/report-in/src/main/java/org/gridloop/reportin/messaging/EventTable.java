package org.gridloop.reportin.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.messaging.EventHandlers;
import org.gridloop.reportin.application.LoopEvents;

/**
 * What report-in's one consumer (the platform's {@code EventBatches}; group {@code report-in}, topics
 * gridloop.requests and gridloop.escalations, see application.properties) does with each event type: whistles start
 * dispatch rounds, escalation decisions move departments. Its own topic it only produces.
 */
@Singleton
public class EventTable {

    @Produces
    @Singleton
    static EventHandlers handlers(LoopEvents loop) {
        return EventHandlers.forConsumer("report-in")
                .on(EventTypes.REQUEST_WHISTLED, loop::whistled)
                .on(EventTypes.ESCALATION_DECIDED, loop::escalationDecided)
                .build();
    }
}
