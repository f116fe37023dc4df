package org.gridloop.escalation.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.PoisonEventException;

import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;

/**
 * Thin Kafka consumers feeding the case timeline from every topic: decode, hand off. A poison record fails at once
 * and goes to the dead-letter topic (the shared failure strategy); anything else is retried, its transaction rolled
 * back, before it does. A conflict between two topics' consumers updating the same case is such a retry.
 */
@ApplicationScoped
public class TimelineConsumer {

    private static final Logger LOG = Logger.getLogger(TimelineConsumer.class);

    @Inject
    TimelineEventHandler handler;

    @Incoming("timeline-requests")
    @Retry(maxRetries = 20, delay = 250, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    public Uni<Void> onRequestEvent(ConsumerRecord<String, byte[]> record) {
        return apply(record);
    }

    @Incoming("timeline-dispatches")
    @Retry(maxRetries = 20, delay = 250, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    public Uni<Void> onDispatchEvent(ConsumerRecord<String, byte[]> record) {
        return apply(record);
    }

    @Incoming("timeline-escalations")
    @Retry(maxRetries = 20, delay = 250, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    public Uni<Void> onEscalationEvent(ConsumerRecord<String, byte[]> record) {
        return apply(record);
    }

    private Uni<Void> apply(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().item(() -> EventCodec.decode(record.headers(), record.value())).chain(handler::handle)
                .onFailure().invoke(e -> LOG.warnf("timeline could not apply a record: %s", e.toString()));
    }
}
