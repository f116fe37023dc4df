package org.gridloop.platform.engine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.metrics.Meter;

import java.util.Map;

/**
 * The engine's own counters (process instances started, activities, jobs run, failed and acquired, decision
 * elements evaluated) on the service's metrics endpoint, {@code /q/metrics}, as
 * {@code gridloop_engine_events_total{metric="job-successful"}}. The engine keeps them in memory
 * ({@code dbMetricsReporterActivate=false}: nothing flushed to its meter tables, so nothing resets them); each
 * counter reads the engine's meter when scraped.
 */
@Singleton
public class EngineMetrics implements MeterBinder {

    private final ProcessEngine engine;

    EngineMetrics(ProcessEngine engine) {
        this.engine = engine;
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
    }
}
