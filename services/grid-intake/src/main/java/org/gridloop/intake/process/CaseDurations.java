package org.gridloop.intake.process;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.intake.domain.ServiceRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How long the loop's stages took, for each closed case, on {@code /q/metrics} as a histogram:
 * {@code gridloop_case_duration_seconds{stage, outcome}} with stage {@code submitted-to-closed} (the whole loop),
 * {@code submitted-to-handled} (found and handled on site) or {@code submitted-to-whistled} (the grid could not solve
 * it and called departments). Recorded once the closing step committed, so a step that is run again is counted once.
 */
@ApplicationScoped
@Startup // its series are registered at start (at 0), not at the first use
public class CaseDurations {

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    /** The stages and the outcomes of a closed loop: their series exist from the start (at 0), so rates work at once. */
    static final List<String> STAGES = List.of("submitted-to-closed", "submitted-to-handled", "submitted-to-whistled");
    static final List<CaseOutcome> OUTCOMES = List.of(CaseOutcome.RESOLVED, CaseOutcome.UNSATISFIED,
            CaseOutcome.CLOSED_BY_ORDER);

    CaseDurations(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
        STAGES.forEach(stage -> OUTCOMES.forEach(outcome -> timer(stage, outcome.name())));
    }

    /** In the closing step's transaction: the durations are recorded when it commits. */
    void closed(ServiceRequest request) {
        CaseOutcome outcome = request.outcome;
        Instant submitted = request.createdAt;
        Instant closed = request.closedAt;
        Instant handled = request.handledAt;
        Instant whistled = request.whistleBlownAt;
        if (submitted == null || closed == null) {
            return;
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            recordAll(outcome, submitted, closed, handled, whistled);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    recordAll(outcome, submitted, closed, handled, whistled);
                }
            }
        });
    }

    private void recordAll(CaseOutcome outcome, Instant submitted, Instant closed, Instant handled, Instant whistled) {
        record("submitted-to-closed", outcome, submitted, closed);
        record("submitted-to-handled", outcome, submitted, handled);
        record("submitted-to-whistled", outcome, submitted, whistled);
    }

    private void record(String stage, CaseOutcome outcome, Instant from, Instant to) {
        if (to == null || to.isBefore(from)) {
            return;
        }
        timer(stage, outcome == null ? "UNKNOWN" : outcome.name()).record(Duration.between(from, to));
    }

    private Timer timer(String stage, String outcome) {
        return Timer.builder("gridloop.case.duration")
                .description("how long a closed case took from its submission to the stage")
                .tag("stage", stage)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofDays(60))
                .register(registry);
    }
}
