package org.gridloop.platform.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How a service runs its embedded Camunda 7 engine ({@code gridloop.engine.*}). */
@ConfigMapping(prefix = "gridloop.engine")
public interface EngineConfig {

    /**
     * The schema of the engine's tables, beside the service's own schema. The JDBC URL puts it first on the search
     * path (Camunda's create scripts name no schema), and the engine looks for its tables only there.
     */
    String schema();

    /** The engine's name, and the name and source of its deployments: the service's name unless set. */
    @WithDefault("${quarkus.application.name}")
    String name();

    /** The process and decision files of bpmn/, packaged under {@code processes/}, deployed at startup. */
    Optional<List<String>> processes();

    /**
     * Camunda's history level (none, activity, audit or full) or {@code trail}. The event timeline (escalation) is
     * the audit trail, so a service keeps only the history it reads: grid-intake's case page draws the request's
     * process with the steps done, from one row per process instance ({@code trail}, see {@link ProcessTrail}; the
     * activity level's events without Camunda's history tables); report-in and escalation read none
     * ({@code none}). An existing schema is moved to the configured level at startup ({@code trail} is recorded as
     * activity).
     */
    @WithDefault("none")
    String history();

    JobExecutor jobExecutor();

    HistoryCleanup historyCleanup();

    /** The job executor runs the BPMN timers (time limits). */
    interface JobExecutor {

        @WithDefault("true")
        boolean enabled();

        /** Threads executing jobs (the acquisition has a thread of its own). */
        @WithDefault("2")
        int threads();

        /** Jobs acquired but waiting for a thread. */
        @WithDefault("16")
        int queueSize();

        /** How long the acquisition sleeps when it found no job (it backs off up to {@link #maxWait()}). */
        @WithDefault("PT5S")
        Duration waitTime();

        @WithDefault("PT60S")
        Duration maxWait();

        /** How long an acquired job stays locked to this instance; another instance takes it over after that. */
        @WithDefault("PT5M")
        Duration lockTime();

        @WithDefault("3")
        int maxJobsPerAcquisition();

        /** On shutdown, how long running jobs may take to finish before their threads are interrupted. */
        @WithDefault("PT5S")
        Duration shutdownTimeout();
    }

    /** History past each process's time to live is removed by the engine in this daily window (HH:mm, local). */
    interface HistoryCleanup {

        @WithDefault("01:00")
        String windowStart();

        @WithDefault("05:00")
        String windowEnd();
    }
}
