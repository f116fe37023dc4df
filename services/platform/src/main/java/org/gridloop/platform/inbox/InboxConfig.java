package org.gridloop.platform.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the inbox remembers an applied event ({@code gridloop.inbox.*}). */
@ConfigMapping(prefix = "gridloop.inbox")
public interface InboxConfig {

    /**
     * A mark older than this is deleted. It must exceed the retention of every topic a service consumes (Kafka's
     * default is 7 days): a record can be delivered again only while the broker still has it.
     */
    @WithDefault("P14D")
    Duration retention();

    /** How often the old marks are deleted. */
    @WithDefault("PT1H")
    Duration pruneInterval();

    /** Rows deleted per statement, so no pruning holds locks or a transaction for long. */
    @WithDefault("10000")
    int pruneBatch();
}
