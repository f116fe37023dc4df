package org.gridloop.platform.engine;

import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionManager;

/**
 * The engine's event subscriptions, with one query less for a message's. When Camunda deletes an event subscription
 * (a message that arrived, a case that moved on or ended) it also asks for the jobs of an event delivered to it
 * asynchronously and not yet run ({@code select * from ACT_RU_JOB where HANDLER_TYPE_ = 'event' and HANDLER_CFG_ = ?}).
 * Only a signal caught with {@code camunda:async} is ever delivered that way (the BPMN parser declares such a job for
 * signal catch events only); Camunda delivers a message in the command that correlates it. So a message subscription
 * is deleted without that query (~5 statements per closed case in each of grid-intake and report-in, whose processes
 * wait on messages); every other kind as Camunda does.
 */
final class MessageSubscriptions implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
        return EventSubscriptionManager.class;
    }

    @Override
    public Session openSession() {
        return new Manager();
    }

    static final class Manager extends EventSubscriptionManager {

        @Override
        public void deleteEventSubscription(EventSubscriptionEntity subscription) {
            if (subscription.isSubscriptionForEventType(EventType.MESSAGE)) {
                getDbEntityManager().delete(subscription);
            } else {
                super.deleteEventSubscription(subscription);
            }
        }
    }
}
