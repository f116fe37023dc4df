package org.gridloop.platform.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.PoisonEventException;
import org.gridloop.contracts.Topics;
import org.gridloop.platform.background.Background;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.inbox.JdbcInbox;
import org.gridloop.platform.tracing.Tracing;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A service's one consumer, and how it applies what it polled. The service configures the channel
 * ({@code mp.messaging.incoming.events.*}: its group, its topics, {@code batch=true}) and produces its
 * {@link EventHandlers} table; the {@code @Incoming} is here, the same for every service. Records are filtered by
 * their {@code ce_type} header before anything is decoded; what the service wants is decoded (poison goes to the
 * dead-letter topic) and applied in one JTA transaction with the inbox marks: the handlers' record changes, engine
 * commands and outbox events commit with the batch. A batch that fails is retried once (two steps moved one process
 * at the same time), then split in halves; an event that fails on its own is parked with the reason, and every
 * later event of its request is parked behind it, so the partition goes on and the request keeps its order.
 * Nothing here sleeps on a record: only when even parking fails (the database is down) does the batch wait, since
 * nothing can be applied then anyway.
 */
@ApplicationScoped
public class EventBatches {

    private static final Logger LOG = Logger.getLogger(EventBatches.class);
    /** What the inbox ({@code event_id}) and the parking table ({@code record_key}) can hold. */
    static final int MAX_ID = 64;
    static final int MAX_KEY = 200;

    private final JdbcInbox inbox;
    private final ParkedEvents parked;
    private final DeadLetters deadLetters;
    private final MessagingConfig config;
    private final Instance<EventHandlers> table;
    private final Tracing tracing;
    private final MessagingMetrics metrics;
    private ScheduledExecutorService redriver;

    EventBatches(JdbcInbox inbox, ParkedEvents parked, DeadLetters deadLetters, MessagingConfig config,
                 Instance<EventHandlers> table, Tracing tracing, MessagingMetrics metrics) {
        this.tracing = tracing;
        this.metrics = metrics;
        this.inbox = inbox;
        this.parked = parked;
        this.deadLetters = deadLetters;
        this.config = config;
        this.table = table;
    }

    /** The channel every service's consumer reads: {@code mp.messaging.incoming.events.*}. */
    public static final String CHANNEL = "events";

    /** Each polled batch, on a worker thread (the batch is one blocking JTA transaction). */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        consumeRecords(records, true);
    }

    /**
     * Polled records, or dead letters re-driven ({@link DeadLetterReplay}): decoded, checked, applied. Poison goes
     * to the dead-letter topic when {@code deadLetterPoison}; a replay passes false, since what is still poison is
     * there already. Returns how many records were poison.
     */
    public int consumeRecords(Iterable<ConsumerRecord<String, byte[]>> records, boolean deadLetterPoison) {
        int poisoned = 0;
        EventHandlers handlers = table.get();
        List<Delivery> wanted = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = EventCodec.type(record.headers());
            if (type != null && !handlers.wants(type) && EventTypes.find(type).isPresent()) {
                continue; // an event of the contracts this service does not need: not even decoded
            }
            try {
                CloudEvent<?> event = EventCodec.decode(record.headers(), record.value());
                requireItsOwnTopic(event, record.topic());
                if (event.id().length() > MAX_ID || record.key() != null && record.key().length() > MAX_KEY) {
                    // the inbox and the parking table could not hold it: it could never be applied nor parked
                    throw new PoisonEventException("event id longer than " + MAX_ID + " or key longer than "
                            + MAX_KEY + " characters");
                }
                wanted.add(new Delivery(event, record.key(), record.topic(), record.partition(), record.offset()));
            } catch (PoisonEventException poison) {
                poisoned++;
                if (deadLetterPoison) {
                    deadLetters.send(record, handlers.consumer(), poison.getMessage());
                }
            }
        }
        apply(handlers, wanted);
        return poisoned;
    }

    /**
     * Only a topic's owner writes it, and each type travels on its own topic: an event from another source (a forged
     * or misrouted one) is poison, dead-lettered with the reason and never applied.
     */
    public static void requireItsOwnTopic(CloudEvent<?> event, String topic) {
        String owner = Topics.owner(topic).orElse(null);
        if (owner != null && !owner.equals(event.source())) {
            throw new PoisonEventException("produced by " + abbreviate(event.source()) + ", but " + topic
                    + " is written only by " + owner);
        }
        EventTypes.find(event.type()).filter(type -> !type.topic().equals(topic)).ifPresent(type -> {
            throw new PoisonEventException(type.name() + " travels on " + type.topic() + ", not on " + topic);
        });
    }

    private static String abbreviate(String value) {
        return value == null ? "no source" : value.length() <= 80 ? value : value.substring(0, 80) + "…";
    }

    private void apply(EventHandlers handlers, List<Delivery> batch) {
        if (batch.isEmpty()) {
            return;
        }
        RuntimeException failure = attempt(handlers, batch);
        if (failure == null || Steps.transientFailure(failure) && attempt(handlers, batch) == null) {
            return;
        }
        if (batch.size() > 1) {
            int half = batch.size() / 2;
            apply(handlers, batch.subList(0, half));
            apply(handlers, batch.subList(half, batch.size()));
            return;
        }
        park(handlers, batch.get(0), failure);
    }

    /** One transaction over the batch; null when it committed. */
    private RuntimeException attempt(EventHandlers handlers, List<Delivery> batch) {
        try {
            QuarkusTransaction.requiringNew().timeout((int) config.batchTimeout().toSeconds()).run(() -> {
                Set<String> keys = new LinkedHashSet<>();
                batch.forEach(d -> keys.add(d.key()));
                Set<String> blocked = parked.blocked(handlers.consumer(), keys);
                List<CloudEvent<?>> events = new ArrayList<>(batch.size());
                for (Delivery d : batch) {
                    if (blocked.contains(d.key())) {
                        parked.park(handlers.consumer(), d, "behind an earlier parked event of " + d.key(),
                                Duration.ZERO);
                    } else {
                        events.add(d.event());
                    }
                }
                Set<String> fresh = new java.util.HashSet<>(inbox.firstDeliveries(handlers.consumer(), events));
                // an event polled twice in one batch (a producer's retry) is applied once: its first copy
                handlers.apply(events.stream().filter(e -> fresh.remove(e.id())).toList(), tracing);
            });
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private void park(EventHandlers handlers, Delivery delivery, RuntimeException failure) {
        String reason = reason(failure);
        for (long pause = 500; ; pause = Math.min(pause * 2, 30_000)) {
            try {
                QuarkusTransaction.requiringNew().run(() -> parked.park(handlers.consumer(), delivery, reason,
                        config.redrive().firstPause()));
                LOG.warnf("%s: parked %s %s of %s (%s-%d@%d): %s", handlers.consumer(), delivery.event().type(),
                        delivery.event().id(), delivery.key(), delivery.topic(), delivery.partition(),
                        delivery.offset(), reason);
                return;
            } catch (RuntimeException e) {
                // even parking fails: the database is unreachable, so nothing could be applied now; wait for it
                LOG.warnf("%s: cannot apply nor park %s (%s); retrying in %d ms", handlers.consumer(),
                        delivery.event().id(), e.getMessage(), pause);
                sleep(pause);
                if (attempt(handlers, List.of(delivery)) == null) {
                    return;
                }
            }
        }
    }

    // --- re-driving parked events --------------------------------------------------------------------------------

    void start(@Observes StartupEvent startup) {
        if (table.isUnsatisfied()) {
            return;
        }
        redriver = Background.every("parked-events", config.redrive().interval(), config.redrive().interval(),
                this::redriveIfWaiting);
    }

    /**
     * The periodic round: skipped while the messaging metrics' last count of the table (every 5 s, one statement
     * they run anyway) found nothing waiting and this process wrote nothing since, so an idle service does not run a
     * transaction per round to find nothing (an event parked by another instance is seen by the next count).
     */
    int redriveIfWaiting() {
        return metrics.nothingParkedSince(parked.lastWrittenAt()) ? 0 : redrive();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (redriver != null) {
            redriver.shutdownNow();
        }
    }

    /**
     * Retries the oldest waiting event of each request whose pause is over, one transaction each (several
     * instances share the table: a row another one holds is skipped). Returns how many were applied.
     */
    public int redrive() {
        EventHandlers handlers = table.get();
        int applied = 0;
        for (int i = 0; i < config.redrive().batch(); i++) {
            ParkedEvents.Retry[] taken = new ParkedEvents.Retry[1];
            try {
                boolean found = QuarkusTransaction.requiringNew().call(() -> {
                    List<ParkedEvents.Retry> due = parked.due(handlers.consumer(), 1);
                    if (due.isEmpty()) {
                        return false;
                    }
                    ParkedEvents.Retry retry = taken[0] = due.get(0);
                    if (!inbox.firstDeliveries(handlers.consumer(), List.of(retry.event())).isEmpty()) {
                        handlers.apply(List.of(retry.event()), tracing);
                    }
                    parked.remove(retry.id());
                    return true;
                });
                if (!found) {
                    return applied;
                }
                applied++;
                LOG.infof("%s: parked %s %s applied on attempt %d", handlers.consumer(), taken[0].event().type(),
                        taken[0].event().id(), taken[0].attempts() + 1);
            } catch (RuntimeException e) {
                if (taken[0] == null) {
                    LOG.debugf("parked events not re-driven now: %s", e.getMessage());
                    return applied;
                }
                failed(handlers, taken[0], e);
            }
        }
        return applied;
    }

    private void failed(EventHandlers handlers, ParkedEvents.Retry retry, RuntimeException e) {
        int attempts = retry.attempts() + 1;
        boolean dead = attempts >= config.redrive().attempts();
        Duration pause = config.redrive().firstPause().multipliedBy(1L << Math.min(attempts, 12));
        try {
            QuarkusTransaction.requiringNew().run(() -> parked.failed(retry.id(), attempts, reason(e), pause, dead));
        } catch (RuntimeException ignored) {
            // the database went away: the next round tries again
        }
        if (dead) {
            LOG.errorf("%s: parked %s %s failed %d times and is DEAD until replayed: %s", handlers.consumer(),
                    retry.event().type(), retry.event().id(), attempts, reason(e));
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e == root ? e.toString() : e + " (caused by " + root + ")";
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
