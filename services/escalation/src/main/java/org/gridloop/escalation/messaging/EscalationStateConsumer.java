package org.gridloop.escalation.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.PoisonEventException;

import java.time.temporal.ChronoUnit;

/** Keeps the escalation and supervisor-task records in step with what the process announced. */
@ApplicationScoped
public class EscalationStateConsumer {

    @Inject
    EscalationStateHandler handler;

    @Incoming("state-escalations")
    @Retry(maxRetries = 20, delay = 250, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    public Uni<Void> onEscalationEvent(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().item(() -> EventCodec.decode(record.headers(), record.value())).chain(handler::handle);
    }
}
