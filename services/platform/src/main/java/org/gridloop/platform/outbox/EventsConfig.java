package org.gridloop.platform.outbox;

import io.smallrye.config.ConfigMapping;

/** What the service's events say about their origin ({@code gridloop.events.*}). */
@ConfigMapping(prefix = "gridloop.events")
public interface EventsConfig {

    /** The CloudEvents {@code source} of every event the service writes, e.g. {@code /gridloop/report-in}. */
    String source();
}
