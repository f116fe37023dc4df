package org.gridloop.platform.engine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;

import org.gridloop.platform.background.Background;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The engine's own counters (process instances started, activities, jobs run, failed and acquired, decision
 * elements evaluated) on the service's metrics endpoint, {@code /q/metrics}, as
 * {@code gridloop_engine_events_total{metric="job-successful"}}. The engine keeps them in memory
 * ({@code dbMetricsReporterActivate=false}: nothing flushed to its meter tables, so nothing resets them); each
 * counter reads the engine's meter when scraped.
 *
 * <p>And what needs an operator, sampled every 15 s by one thread: {@code gridloop_engine_incidents} (open incidents:
 * a job that failed its last retry, a process stuck), {@code gridloop_engine_jobs{state="due"}} (jobs whose time has
 * come and that have retries left: a growing number means the job executor is behind) and
 * {@code gridloop_engine_jobs{state="failed"}} (jobs without retries left).
 */
@Singleton
public class EngineMetrics implements MeterBinder {

    private static final Logger LOG = Logger.getLogger(EngineMetrics.class);
    static final Duration EVERY = Duration.ofSeconds(15);

    private final ProcessEngine engine;
    /** incidents, due jobs, failed jobs: the last sample. */
    private final long[] sampled = new long[3];
    private ScheduledExecutorService sampler;

    EngineMetrics(ProcessEngine engine) {
        this.engine = engine;
    }

    void start(@Observes StartupEvent startup) {
        sampler = Background.every("engine-metrics", Duration.ZERO, EVERY, this::sample);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /**
     * Reads the counts now, the three queries in one transaction (the engine's commands join it): one commit per
     * sample instead of three.
     */
    public void sample() {
        try {
            long[] counts = QuarkusTransaction.requiringNew().call(() -> new long[] {
                    engine.getRuntimeService().createIncidentQuery().count(),
                    engine.getManagementService().createJobQuery().executable().count(),
                    engine.getManagementService().createJobQuery().noRetriesLeft().count()});
            synchronized (sampled) {
                System.arraycopy(counts, 0, sampled, 0, sampled.length);
            }
        } catch (RuntimeException e) {
            LOG.debugf("engine metrics not sampled now: %s", e.getMessage());
        }
    }

    private double sampled(int which) {
        synchronized (sampled) {
            return sampled[which];
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        for (Map.Entry<String, Meter> meter : configuration.getMetricsRegistry().getDbMeters().entrySet()) {
            FunctionCounter.builder("gridloop.engine.events", meter.getValue(), Meter::get)
                    .tag("metric", meter.getKey())
                    .description("the process engine's counter " + meter.getKey())
                    .register(registry);
        }
        Gauge.builder("gridloop.engine.incidents", this, m -> m.sampled(0))
                .description("open incidents of the process engine").register(registry);
        Gauge.builder("gridloop.engine.jobs", this, m -> m.sampled(1)).tag("state", "due")
                .description("jobs due with retries left").register(registry);
        Gauge.builder("gridloop.engine.jobs", this, m -> m.sampled(2)).tag("state", "failed")
                .description("jobs without retries left").register(registry);
    }
}
