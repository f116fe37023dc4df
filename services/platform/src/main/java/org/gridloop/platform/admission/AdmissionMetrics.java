package org.gridloop.platform.admission;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Admission on the service's metrics endpoint, {@code /q/metrics}: new submissions admitted and refused
 * ({@code gridloop_admission_requests_total{outcome="admitted|refused"}}), the steps waiting for a slot now
 * ({@code gridloop_admission_waiting{step="progress|new"}}) and the loop's last measured lag
 * ({@code gridloop_loop_lag_records}, records the watched consumer groups have not consumed; 0 when none are
 * watched), and how long admitted steps waited for their slot ({@code gridloop_admission_wait_seconds{step}}, a
 * histogram with buckets from 1 to 200 ms). Each meter reads its figure when scraped.
 */
@Singleton
public class AdmissionMetrics implements MeterBinder {

    private final Admission admission;
    private final LoopLag loopLag;

    AdmissionMetrics(Admission admission, LoopLag loopLag) {
        this.admission = admission;
        this.loopLag = loopLag;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("gridloop.admission.requests", admission, Admission::admitted)
                .tag("outcome", "admitted")
                .description("new submissions admitted")
                .register(registry);
        FunctionCounter.builder("gridloop.admission.requests", admission, Admission::refused)
                .tag("outcome", "refused")
                .description("new submissions refused (503) while the service or the loop was behind")
                .register(registry);
        Gauge.builder("gridloop.admission.waiting", admission, a -> a.waiting()[0])
                .tag("step", "progress")
                .description("steps on existing cases waiting for a slot")
                .strongReference(true)
                .register(registry);
        Gauge.builder("gridloop.admission.waiting", admission, a -> a.waiting()[1])
                .tag("step", "new")
                .description("new submissions waiting for a slot")
                .strongReference(true)
                .register(registry);
        Timer progressWait = waitTimer(registry, "progress");
        Timer newWait = waitTimer(registry, "new");
        admission.onWait((step, nanos) -> (step == Admission.Step.NEW ? newWait : progressWait)
                .record(nanos, TimeUnit.NANOSECONDS));
        Gauge.builder("gridloop.loop.lag.records", loopLag, LoopLag::records)
                .description("records the watched consumer groups have not yet consumed, at the last measurement")
                .strongReference(true)
                .register(registry);
    }

    private static Timer waitTimer(MeterRegistry registry, String step) {
        return Timer.builder("gridloop.admission.wait")
                .tag("step", step)
                .description("how long an admitted step waited for its slot")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200))
                .register(registry);
    }
}
