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

    /**
     * How events leave for Kafka. {@code wal} (the default): a step writes its events into PostgreSQL's WAL as
     * transactional logical-decoding messages and one instance per service streams them from a replication slot,
     * in commit order, without a transaction of its own ({@link WalRelay}; needs {@code wal_level=logical} and a
     * role that may replicate). {@code poll}: a step inserts its events into the outbox table and the relay publishes
     * and deletes them, one transaction per batch.
     */
    @WithDefault("wal")
    Relay relay();

    /** The WAL relay's settings. */
    Wal wal();

    enum Relay { POLL, WAL }

    interface Wal {

        /** How often an instance that does not hold the replication slot tries to take it over. */
        @WithDefault("PT1S")
        Duration standbyRetry();

        /**
         * How long PostgreSQL waits for a relay that went silent (a paused or cut-off process) before it frees the
         * slot for another instance ({@code wal_sender_timeout} of the replication connection).
         */
        @WithDefault("PT10S")
        Duration senderTimeout();

        /** How often the table is still polled, for events written there before the slot existed. */
        @WithDefault("PT60S")
        Duration leftoverPollInterval();
    }
}
