package org.gridloop.platform.outbox;

import org.gridloop.contracts.CloudEvent;

/**
 * Told of every event a step adds to the outbox, in the step's transaction (so what it writes commits with the event,
 * or not at all). A service implements it as a bean for a view of its own events that it keeps beside the record
 * (grid-intake: the resident's progress lines).
 */
public interface OutboxListener {

    void added(CloudEvent<?> event);
}
