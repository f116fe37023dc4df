package org.gridloop.platform.messaging;

import org.gridloop.contracts.CloudEvent;

/** A decoded event and the record it came in. */
record Delivery(CloudEvent<?> event, String key, String topic, int partition, long offset) {
}
