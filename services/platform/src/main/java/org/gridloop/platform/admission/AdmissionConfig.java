package org.gridloop.platform.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a service admits work when it is behind ({@code gridloop.admission.*}). */
@ConfigMapping(prefix = "gridloop.admission")
public interface AdmissionConfig {

    /** Off: every step runs as it comes (tests of other behaviour may switch it off). */
    @WithDefault("true")
    boolean enabled();

    /** Steps of the write path running at once (each holds a database connection for its transaction). */
    @WithDefault("6")
    int concurrency();

    /** How long a new submission may wait for a slot before it is refused (503). */
    @WithDefault("PT0.2S")
    Duration newWorkMaxWait();

    /** How many new submissions may wait at once; the next one is refused at once. */
    @WithDefault("12")
    int newWorkMaxQueue();

    /** What a refused caller is told to wait before trying again. */
    @WithDefault("PT2S")
    Duration retryAfter();

    /** The loop's backlog after this service: see {@link LoopLag}. */
    Lag lag();

    interface Lag {

        /**
         * The consumer groups that carry a case on to its close; their lag decides whether the loop is behind.
         * None: only this service's own slots decide.
         */
        java.util.Optional<java.util.List<String>> groups();

        /** Records not yet consumed, summed over the groups, above which new submissions are refused. */
        @WithDefault("400")
        long maxRecords();

        /** How often the lag is asked of Kafka. */
        @WithDefault("PT1S")
        Duration interval();

        /** An answer older than this (Kafka could not be asked) no longer refuses anything. */
        @WithDefault("PT10S")
        Duration staleAfter();

        /** The broker the lag is asked of: the service's own ({@code kafka.bootstrap.servers}) unless set. */
        @WithDefault("${kafka.bootstrap.servers}")
        String bootstrapServers();
    }
}
