package org.gridloop.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the outbox relay publishes ({@code gridloop.outbox.*}). */
@ConfigMapping(prefix = "gridloop.outbox")
public interface OutboxConfig {

    /** How often the relay looks at the outbox when no commit woke it. */
    Duration pollInterval();

    /** Rows published per relay transaction. */
    int batchSize();

    /**
     * After a wake-up, how long to let more commits join the batch: one relay transaction for many steps (25 ms: with
     * the consumers' fetch wait, 14.7 commits per closed loop against 17.0 at 5 ms:
     * tools/simulator/results/experiments/2026-12-06-action-cpu/ab-knobs).
     */
    @WithDefault("PT0.025S")
    Duration linger();
}
