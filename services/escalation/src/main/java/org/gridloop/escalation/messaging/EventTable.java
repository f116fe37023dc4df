package org.gridloop.escalation.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.gridloop.contracts.EventTypes;
import org.gridloop.escalation.application.EscalationDriver;
import org.gridloop.escalation.application.ReadModel;
import org.gridloop.platform.messaging.EventHandlers;

/**
 * What escalation's one consumer (the platform's {@code EventBatches}; group {@code escalation}, topics
 * gridloop.requests, gridloop.dispatches and gridloop.escalations, see application.properties) does with each event
 * type, in batches: each batch is one transaction in which the driver moves the escalation process (per event, in
 * the order read) and then the read model takes every event of the batch at once.
 */
@Singleton
public class EventTable {

    public static final String CONSUMER = "escalation";

    @Produces
    @Singleton
    static EventHandlers handlers(EscalationDriver driver, ReadModel readModel) {
        return EventHandlers.forConsumer(CONSUMER)
                // the case's grid, for a missed limit that does not name it
                .on(EventTypes.REQUEST_SUBMITTED, driver::gridNamed)
                .on(EventTypes.REQUEST_ACCEPTED, driver::gridNamed)
                .on(EventTypes.REQUEST_ROUTED_TO_GRID, driver::gridNamed)
                .on(EventTypes.REQUEST_WHISTLED, driver::gridNamed)
                .on(EventTypes.DISPATCH_STARTED, driver::gridNamed)
                // what opens an escalation
                .on(EventTypes.REQUEST_LIMIT_MISSED, driver::limitMissed)
                .on(EventTypes.REQUEST_RAISED, driver::gridNamed)
                .on(EventTypes.REQUEST_RAISED, driver::limitMissed)
                .on(EventTypes.DISPATCH_LIMIT_MISSED, driver::limitMissed)
                // what ends one: the case moved on (the trigger decides which step counts), or it closed
                .on(EventTypes.DISPATCH_REPORTED_IN, driver::movedOn)
                .on(EventTypes.DISPATCH_ANSWERED, driver::movedOn)
                .on(EventTypes.DISPATCH_DISPUTE_DECIDED, driver::movedOn)
                .on(EventTypes.DISPATCH_RESOLVED, driver::movedOn)
                .on(EventTypes.REQUEST_ACCEPTED, driver::movedOn)
                .on(EventTypes.REQUEST_HANDLED_ON_SITE, driver::movedOn)
                .on(EventTypes.REQUEST_WHISTLED, driver::movedOn)
                .on(EventTypes.REQUEST_VERIFIED, driver::movedOn)
                .on(EventTypes.REQUEST_RATED, driver::movedOn)
                .on(EventTypes.REQUEST_RETURN_VISITED, driver::movedOn)
                .on(EventTypes.REQUEST_CALLER_DECIDED, driver::movedOn)
                .on(EventTypes.REQUEST_CLOSED, driver::closed)
                // the read model: every event of every topic (timeline, case files, evaluation facts)
                .onBatchOf(EventTypes.all(), readModel::apply)
                .build();
    }
}
