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
import org.gridloop.platform.outbox.WalRelay;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What waits between the steps, on {@code /q/metrics}: the outbox (events committed but not yet on Kafka:
 * {@code gridloop_outbox_events}, and the age of the oldest, {@code gridloop_outbox_oldest_seconds}: a relay that
 * stalls shows as a growing age; with the WAL relay the table stays empty, {@code gridloop_outbox_wal_lag_bytes} is
 * the WAL its slot holds unconfirmed, {@code gridloop_outbox_wal_relaying} whether an instance streams it and
 * {@code gridloop_outbox_wal_unconfirmed_seconds} how long this instance's oldest unacknowledged event waits), the
 * parked events ({@code gridloop_parked_events{status="WAITING|DEAD"}}, the oldest waiting one's age
 * {@code gridloop_parked_oldest_seconds}: DEAD ones need an operator) and the poison records this service
 * dead-lettered since it started ({@code gridloop_dead_letters_total}). The tables are counted every
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
    private final String slot;
    private final WalRelay walRelay;
    /**
     * One sample, what it counted and when it started, read together: {@code startedAt} is the
     * {@link System#nanoTime()} when it started (null before the first that succeeded); {@code figures} are outbox
     * events, oldest, WAL lag, relaying; parked waiting, dead, oldest waiting.
     */
    private record Sample(Long startedAt, double[] figures) {
    }

    private volatile Sample last = new Sample(null, new double[]{0, 0, 0, Double.NaN, 0, 0, 0});
    private ScheduledExecutorService sampler;

    MessagingMetrics(Sql sql, DeadLetters deadLetters, DatabaseConfig database, WalRelay walRelay) {
        this.walRelay = walRelay;
        this.sql = sql;
        this.deadLetters = deadLetters;
        this.outbox = database.schema() + ".outbox";
        this.slot = WalRelay.slotName(database.schema());
        this.parked = database.schema() + ".parked_event";
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("gridloop.outbox.events", this, m -> m.last.figures()[0])
                .description("events committed with their step and not yet published to Kafka")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.outbox.oldest.seconds", this, m -> m.last.figures()[1])
                .description("how long the oldest unpublished event has waited (0 when none)")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.outbox.wal.lag.bytes", this, m -> m.last.figures()[2])
                .description("WAL written since the last commit the WAL relay confirmed (its events acknowledged by "
                        + "Kafka): a relay that stalls, or a service with no instance running, shows as a growing lag; "
                        + "0 without the WAL relay")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.outbox.wal.relaying", this, m -> m.last.figures()[3])
                .description("1 while an instance of the service streams its replication slot, 0 while none does "
                        + "(its events wait in the WAL); NaN without the WAL relay")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.outbox.wal.unconfirmed.seconds", walRelay, WalRelay::unconfirmedSeconds)
                .description("how long the oldest event this instance read from the WAL has waited for Kafka's "
                        + "acknowledgement (0 when none): a relay that stalls shows as a growing age")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.parked.events", this, m -> m.last.figures()[4]).tag("status", ParkedEvents.WAITING)
                .description("consumed events parked for a retry (and the later events of their cases behind them)")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.parked.events", this, m -> m.last.figures()[5]).tag("status", ParkedEvents.DEAD)
                .description("parked events that failed every retry: an operator replays them after a fix")
                .strongReference(true).register(registry);
        Gauge.builder("gridloop.parked.oldest.seconds", this, m -> m.last.figures()[6])
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
        long started = System.nanoTime();
        try {
            // one statement, one transaction every SAMPLE: the background is part of every closed loop's commits
            double[] figures = sql.one("SELECT o.n, o.age, COALESCE(s.lag, 0), s.active, p.waiting, p.dead, p.age "
                    + "FROM (SELECT count(*) n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) age FROM "
                    + outbox + ") o CROSS JOIN (SELECT count(*) FILTER (WHERE status = ?) waiting, "
                    + "count(*) FILTER (WHERE status = ?) dead, "
                    + "COALESCE(EXTRACT(EPOCH FROM now() - min(parked_at) FILTER (WHERE status = ?)), 0) age FROM "
                    + parked + ") p LEFT JOIN (SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) lag, "
                    + "active::int active FROM pg_replication_slots WHERE slot_name = ?) s ON true",
                    row -> {
                        double relaying = row.getDouble(4);
                        boolean noSlot = row.wasNull();
                        return new double[]{row.getLong(1), row.getDouble(2), row.getDouble(3),
                            noSlot ? Double.NaN : relaying, row.getLong(5), row.getLong(6), row.getDouble(7)};
                    }, ParkedEvents.WAITING, ParkedEvents.DEAD, ParkedEvents.WAITING, slot).orElseThrow();
            last = new Sample(started, figures);
        } catch (RuntimeException e) {
            LOG.debugf("messaging metrics not sampled now: %s", e.getMessage());
        }
    }

    /**
     * True when a recent sample (at most two periods old) that started after {@code since} counted no waiting parked
     * event of this service (of any instance): the periodic re-drive can skip its round. False when there is no such
     * sample (metrics off, the database unreachable, a write since), so the re-drive looks itself.
     */
    boolean nothingParkedSince(long since) {
        Sample sample = last;
        return nothingWaiting(sample.startedAt(), sample.figures()[4], since, System.nanoTime());
    }

    /**
     * The decision, on {@link System#nanoTime()} readings (monotonic: a clock set back changes nothing): a sample
     * that ran, started after {@code since}, is younger than two periods at {@code now} and counted 0 waiting.
     */
    static boolean nothingWaiting(Long sampledAt, double waiting, long since, long now) {
        return sampledAt != null && sampledAt - since > 0 && now - sampledAt < 2 * SAMPLE.toNanos() && waiting == 0;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
