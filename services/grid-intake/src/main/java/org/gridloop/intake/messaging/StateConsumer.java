package org.gridloop.intake.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.PoisonEventException;

import java.time.temporal.ChronoUnit;

/** Thin Kafka consumer keeping the request records in step with the process. */
@ApplicationScoped
public class StateConsumer {

    @Inject
    RequestStateHandler handler;

    @Incoming("state-requests")
    @Retry(maxRetries = 20, delay = 250, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    public Uni<Void> onRequestEvent(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().item(() -> EventCodec.decode(record.headers(), record.value())).chain(handler::handle);
    }
}
