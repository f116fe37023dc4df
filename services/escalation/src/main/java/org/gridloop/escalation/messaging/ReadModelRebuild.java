package org.gridloop.escalation.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.PoisonEventException;
import org.gridloop.contracts.Topics;
import org.gridloop.escalation.application.ReadModel;
import org.gridloop.escalation.repository.Aggregates;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.messaging.EventBatches;
import org.gridloop.platform.messaging.TopicReader;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the read model (timeline, case files, evaluation facts and their aggregates) from the topics: truncates
 * its tables, then reads every partition of the three topics from the beginning up to the end offsets seen after
 * that, and applies each polled batch through the same {@link ReadModel} the live consumer uses, one transaction
 * per batch. The live consumer keeps running meanwhile: an event both apply is applied once, since the timeline
 * entry (unique per event) is what the read model records as applied, and every fold is order-independent, so the
 * figures come out the same. The driver's records (escalations, their tasks, {@code escalation_case}) and its inbox
 * marks are not touched.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    static final List<String> TOPICS = List.of(Topics.REQUESTS, Topics.DISPATCHES, Topics.ESCALATIONS);
    /** The facts' pre-aggregates are truncated with them (TRUNCATE fires no trigger) and refilled as they are. */
    static final List<String> TABLES = java.util.stream.Stream.concat(java.util.stream.Stream.of("timeline_entry", "case_file",
            "case_fact", "dispatch_fact", "round_fact", "escalation_fact", "case_link"),
            Aggregates.tables().stream()).toList();
    private static final int ATTEMPTS = 20;
    /** How long the TRUNCATE keeps asking for its tables while some are in use. */
    static final Duration TRUNCATE_PATIENCE = Duration.ofSeconds(60);

    /** RUNNING, DONE or FAILED, with how many records were read and how many of them were skipped (poison). */
    public record Status(String state, Instant startedAt, Instant finishedAt, long read, long skipped, String error) {
    }

    private final ReadModel readModel;
    private final Sql sql;
    private final Map<String, Object> kafkaConfig;
    private final String schema;
    private volatile Status status = new Status("IDLE", null, null, 0, 0, null);

    ReadModelRebuild(ReadModel readModel, Sql sql, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                     DatabaseConfig database) {
        this.readModel = readModel;
        this.sql = sql;
        this.kafkaConfig = kafkaConfig;
        this.schema = database.schema();
    }

    public Status status() {
        return status;
    }

    /** Starts a rebuild unless one is running; returns the status. */
    public synchronized Status start() {
        if ("RUNNING".equals(status.state())) {
            return status;
        }
        Instant started = Instant.now();
        status = new Status("RUNNING", started, null, 0, 0, null);
        Thread worker = new Thread(() -> run(started), "read-model-rebuild");
        worker.setDaemon(true);
        worker.start();
        return status;
    }

    private void run(Instant started) {
        long read = 0;
        long skipped = 0;
        try {
            truncate();
            try (TopicReader reader = TopicReader.open(kafkaConfig, "escalation-rebuild", TOPICS)) {
                while (!reader.done()) {
                    List<CloudEvent<?>> batch = new ArrayList<>();
                    for (ConsumerRecord<String, byte[]> record : reader.poll()) {
                        read++;
                        try {
                            CloudEvent<?> event = EventCodec.decode(record.headers(), record.value());
                            // what the live consumer dead-lettered, the rebuild skips
                            EventBatches.requireItsOwnTopic(event, record.topic());
                            batch.add(event);
                        } catch (PoisonEventException e) {
                            skipped++;
                        }
                    }
                    apply(batch);
                    status = new Status("RUNNING", started, null, read, skipped, null);
                }
            }
            status = new Status("DONE", started, Instant.now(), read, skipped, null);
            LOG.infof("read model rebuilt from %d records (%d skipped)", read, skipped);
        } catch (RuntimeException | InterruptedException e) {
            LOG.errorf(e, "read model rebuild failed");
            status = new Status("FAILED", started, Instant.now(), read, skipped, e.toString());
        }
    }

    /**
     * Empties the read model's tables, all at once and without ever waiting while holding any of them. A plain
     * TRUNCATE locks its tables one after the other and queues for a busy one while holding the earlier: a read
     * holding that one (a supervisor's figures read a roll-up, then its deltas) and asking for an earlier deadlocked
     * with it, and PostgreSQL broke the deadlock by failing one of the two (a 500 for the read, found by the API
     * fuzzer). Here the locks are asked for with NOWAIT: when a table is in use the transaction gives back what it
     * took and tries again a moment later (20 ms, growing to 500 ms), so reads finish and are never the ones to fail.
     * Tables that stay busy for {@link #TRUNCATE_PATIENCE} fail the rebuild (its status says so; an admin starts it
     * again): queueing instead would bring the deadlock back.
     */
    private void truncate() throws InterruptedException {
        String tables = String.join(", ", TABLES.stream().map(t -> schema + "." + t).toList());
        long deadline = System.nanoTime() + TRUNCATE_PATIENCE.toNanos();
        for (long pause = 20; ; pause = Math.min(pause * 2, 500)) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    sql.update("LOCK TABLE " + tables + " IN ACCESS EXCLUSIVE MODE NOWAIT");
                    sql.update("TRUNCATE " + tables);
                });
                return;
            } catch (RuntimeException e) {
                if (!Steps.failedWith(e, "55P03")) { // lock_not_available
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the read model's tables stayed in use for "
                            + TRUNCATE_PATIENCE.toSeconds() + " s; nothing was truncated, start the rebuild again", e);
                }
                Thread.sleep(pause);
            }
        }
    }

    /**
     * One polled batch in one transaction. Meeting the live consumer on the same case files can end in a lost race
     * (a deadlock PostgreSQL broke): the batch is tried again.
     */
    private void apply(List<CloudEvent<?>> batch) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> readModel.apply(batch));
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !Steps.transientFailure(e)) {
                    throw new IllegalStateException("could not apply a batch of " + batch.size() + " events", e);
                }
                Thread.sleep(50L * attempt);
            }
        }
    }
}
