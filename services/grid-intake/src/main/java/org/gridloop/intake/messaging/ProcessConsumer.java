package org.gridloop.intake.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gridloop.contracts.PoisonEventException;
import org.gridloop.platform.messaging.ProcessRecords;

import java.time.temporal.ChronoUnit;

/**
 * Thin Kafka consumers for the process: decode, hand off. A poison record fails at once and goes to the
 * dead-letter topic; anything else is retried (the transaction rolled back) before it does.
 */
@ApplicationScoped
public class ProcessConsumer {

    @Inject
    ProcessEventHandler handler;

    @Incoming("process-requests")
    @Blocking
    @Retry(maxRetries = 20, delay = 250, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    public void onRequestEvent(ConsumerRecord<String, byte[]> record) {
        ProcessRecords.apply("process-requests", record, handler::handle);
    }

    @Incoming("process-dispatches")
    @Blocking
    @Retry(maxRetries = 20, delay = 250, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    public void onDispatchEvent(ConsumerRecord<String, byte[]> record) {
        ProcessRecords.apply("process-dispatches", record, handler::handle);
    }

    @Incoming("process-escalations")
    @Blocking
    @Retry(maxRetries = 20, delay = 250, jitter = 100, maxDuration = 60, durationUnit = ChronoUnit.SECONDS,
            abortOn = PoisonEventException.class)
    public void onEscalationEvent(ConsumerRecord<String, byte[]> record) {
        ProcessRecords.apply("process-escalations", record, handler::handle);
    }
}
