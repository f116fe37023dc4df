package org.gridloop.intake.process;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.background.Background;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How many cases are open at each stage of the loop, on {@code /q/metrics} as {@code gridloop_open_cases{stage}}
 * (stage = the request's status: SUBMITTED … RETURN_VISIT). Sampled every 10 s by one thread, so a scrape
 * costs nothing; every open stage has its series from the start (at 0).
 */
@ApplicationScoped
public class OpenCases {

    private static final Logger LOG = Logger.getLogger(OpenCases.class);
    static final Duration EVERY = Duration.ofSeconds(10);

    private final ServiceRequests requests;
    private final Map<RequestStatus, Long> open = new EnumMap<>(RequestStatus.class);
    private ScheduledExecutorService sampler;

    OpenCases(ServiceRequests requests, MeterRegistry registry) {
        this.requests = requests;
        for (RequestStatus stage : RequestStatus.values()) {
            if (stage.open()) {
                open.put(stage, 0L);
                Gauge.builder("gridloop.open.cases", this, o -> o.count(stage)).tag("stage", stage.name())
                        .description("cases open at this stage of the loop").register(registry);
            }
        }
    }

    void start(@Observes StartupEvent startup) {
        sampler = Background.every("open-cases", Duration.ZERO, EVERY, this::sample);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /** Reads the counts now. */
    public void sample() {
        try {
            Map<RequestStatus, Long> counts = requests.openByStatus();
            synchronized (open) {
                open.replaceAll((stage, old) -> counts.getOrDefault(stage, 0L));
            }
        } catch (RuntimeException e) {
            LOG.debugf("open cases not sampled now: %s", e.getMessage());
        }
    }

    private double count(RequestStatus stage) {
        synchronized (open) {
            return open.getOrDefault(stage, 0L);
        }
    }
}
