package org.gridloop.platform.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.jboss.logging.Logger;

import java.util.function.Consumer;

/**
 * What every service's process consumer does with a record: decode it and hand it to the handler that drives the
 * engine. A poison record throws {@link org.gridloop.contracts.PoisonEventException} (the consumer's retry aborts
 * on it and the record goes to the dead-letter topic); any other failure is logged with the event it concerns and
 * rethrown, so the consumer's retry tries again and the cause of a slow or stuck partition is in the log.
 */
public final class ProcessRecords {

    private static final Logger LOG = Logger.getLogger(ProcessRecords.class);

    private ProcessRecords() {
    }

    public static void apply(String channel, ConsumerRecord<String, byte[]> record, Consumer<CloudEvent<?>> handler) {
        CloudEvent<?> event = EventCodec.decode(record.headers(), record.value());
        try {
            handler.accept(event);
        } catch (RuntimeException e) {
            // two consumers moving the same process instance at once is expected now and then: the retry settles it
            Logger.Level level = e instanceof OptimisticLockingException ? Logger.Level.DEBUG : Logger.Level.WARN;
            LOG.logf(level, "%s: %s %s of %s failed, to be retried: %s", channel, event.type(), event.id(),
                    event.subject(), e.toString());
            throw e;
        }
    }
}
