package org.gridloop.platform.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a service's consumer applies batches and retries what it had to park ({@code gridloop.messaging.*}). */
@ConfigMapping(prefix = "gridloop.messaging")
public interface MessagingConfig {

    /** A batch's transaction may take this long before it is rolled back (and split). */
    @WithDefault("PT30S")
    Duration batchTimeout();

    Redrive redrive();

    interface Redrive {

        /** How often parked events are looked at. */
        @WithDefault("PT5S")
        Duration interval();

        /** The pause before the first retry; it doubles with each failed attempt. */
        @WithDefault("PT1S")
        Duration firstPause();

        /** After this many failed retries a parked event is DEAD until an operator replays it. */
        @WithDefault("10")
        int attempts();

        /** Parked events retried per round. */
        @WithDefault("100")
        int batch();
    }
}
