package org.gridloop.platform.messaging;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.gridloop.platform.background.Background;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What waits between the steps, on {@code /q/metrics}: the outbox (events committed but not yet on Kafka:
 * {@code gridloop_outbox_events}, and the age of the oldest, {@code gridloop_outbox_oldest_seconds}: a relay that
 * stalls shows as a growing age), the parked events ({@code gridloop_parked_events{status="WAITING|DEAD"}}, the
 * oldest waiting one's age {@code gridloop_parked_oldest_seconds}: DEAD ones need an operator) and the poison records
 * this service dead-lettered since it started ({@code gridloop_dead_letters_total}). The tables are counted every
 * {@code SAMPLE} by one thread, not at each scrape, so scraping costs nothing; a failed count keeps the last value.
 */
@Singleton
public class MessagingMetrics implements MeterBinder {

    static final Duration SAMPLE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(MessagingMetrics.class);

    private final Sql sql;
    private final DeadLetters deadLetters;
    private final String outbox;
    private final String parked;
    private volatile double[] outboxFigures = {0, 0};
    private volatile double[] parkedFigures = {0, 0, 0};
    private ScheduledExecutorService sampler;

    MessagingMetrics(Sql sql, DeadLetters deadLetters, DatabaseConfig database) {
        this.sql = sql;
        this.deadLetters = deadLetters;
        this.outbox = database.schema() + ".outbox";
        this.parked = database.schema() + ".parked_event";
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gridloop.outbox.events", this, m -> m.outboxFigures[0])
                .description("events committed with their step and not yet published to Kafka")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.outbox.oldest.seconds", this, m -> m.outboxFigures[1])
                .description("how long the oldest unpublished event has waited (0 when none)")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.parked.events", this, m -> m.parkedFigures[0]).tag("status", ParkedEvents.WAITING)
                .description("consumed events parked for a retry (and the later events of their cases behind them)")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.parked.events", this, m -> m.parkedFigures[1]).tag("status", ParkedEvents.DEAD)
                .description("parked events that failed every retry: an operator replays them after a fix")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.parked.oldest.seconds", this, m -> m.parkedFigures[2])
                .description("how long the oldest waiting parked event has waited (0 when none)")
                .strongReference(true).register(registry);
        FunctionCounter.builder("gridloop.dead.letters", deadLetters, DeadLetters::sent)
                .description("poison records this service sent to gridloop.dead-letters since it started")
                .register(registry);
        start();
    }

    private synchronized void start() {
        if (sampler != null) {
            return;
        }
        sampler = Background.every("messaging-metrics", Duration.ZERO, SAMPLE, this::sample);
    }

    void sample() {
        try {
            outboxFigures = sql.one("SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM "
                    + outbox, row -> new double[]{row.getLong(1), row.getDouble(2)}).orElseThrow();
            parkedFigures = sql.one("SELECT count(*) FILTER (WHERE status = ?), count(*) FILTER (WHERE status = ?), "
                    + "COALESCE(EXTRACT(EPOCH FROM now() - min(parked_at) FILTER (WHERE status = ?)), 0) FROM " + parked,
                    row -> new double[]{row.getLong(1), row.getLong(2), row.getDouble(3)},
                    ParkedEvents.WAITING, ParkedEvents.DEAD, ParkedEvents.WAITING).orElseThrow();
        } catch (RuntimeException e) {
            LOG.debugf("messaging metrics not sampled now: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
