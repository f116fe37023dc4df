package org.gridloop.platform.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The retry table: events a consumer could not apply, parked so their partition goes on. A request with a parked
 * event has every later event parked behind it, so its events are still applied in order once the first one goes
 * through. All methods run in the caller's transaction.
 */
@ApplicationScoped
public class ParkedEvents {

    public static final String WAITING = "WAITING";
    public static final String DEAD = "DEAD";
    /** {@link System#nanoTime()} of the latest write of a waiting event by this process (see {@link #lastWrittenAt}). */
    private final AtomicLong lastWrittenAt = new AtomicLong(System.nanoTime());

    /** One parked event as an operator sees it. */
    public record Parked(long id, String consumer, String requestId, String eventId, String eventType, String topic,
                         int partition, long offset, String reason, int attempts, String status,
                         Instant nextAttemptAt, Instant parkedAt) {
    }

    /** A parked event to retry, decoded again from what was stored. */
    record Retry(long id, int attempts, CloudEvent<?> event) {
    }

    private final Sql sql;
    private final String table;

    ParkedEvents(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.table = database.schema() + ".parked_event";
    }

    /** The keys among these that have parked events (new events of theirs must queue behind). */
    Set<String> blocked(String consumer, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(sql.list("SELECT DISTINCT record_key FROM " + table
                + " WHERE consumer = ? AND record_key = ANY (?::text[])", row -> row.getString(1), consumer, keys));
    }

    void park(String consumer, Delivery delivery, String reason, Duration firstPause) {
        wrote();
        CloudEvent<?> e = delivery.event();
        sql.update("INSERT INTO " + table + " (consumer, record_key, event_id, event_type, source, event_time, actor, "
                        + "actor_role, payload, topic, kafka_partition, kafka_offset, reason, status, next_attempt_at, "
                        + "traceparent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (consumer, event_id) DO NOTHING",
                consumer, delivery.key(), e.id(), e.type(), e.source(), e.time(), e.actor(), e.actorrole(),
                new String(EventCodec.data(e), StandardCharsets.UTF_8), delivery.topic(), delivery.partition(),
                delivery.offset(), reason, WAITING, Instant.now().plus(firstPause), e.traceparent());
    }

    /** The oldest waiting event of each request whose pause is over, locked for this transaction. */
    List<Retry> due(String consumer, int limit) {
        return sql.list("SELECT p.id, p.attempts, p.event_id, p.event_type, p.source, p.record_key, p.event_time, "
                        + "p.actor, p.actor_role, p.payload, p.traceparent FROM " + table + " p WHERE p.consumer = ? AND p.status = ? "
                        + "AND p.next_attempt_at <= now() AND p.id = (SELECT min(q.id) FROM " + table
                        + " q WHERE q.consumer = p.consumer AND q.record_key IS NOT DISTINCT FROM p.record_key) "
                        + "ORDER BY p.id LIMIT ? FOR UPDATE SKIP LOCKED",
                row -> {
                    EventType<?> type = EventTypes.require(row.getString("event_type"));
                    return new Retry(row.getLong("id"), row.getInt("attempts"), event(type, row));
                }, consumer, WAITING, limit);
    }

    private static <T> CloudEvent<T> event(EventType<T> type, java.sql.ResultSet row) throws java.sql.SQLException {
        T payload = EventCodec.payload(type, row.getString("payload").getBytes(StandardCharsets.UTF_8));
        return new CloudEvent<>(CloudEvent.SPEC_VERSION, row.getString("event_id"), row.getString("source"),
                type.name(), row.getString("record_key"), Sql.instant(row, "event_time"), EventCodec.DATA_CONTENT_TYPE,
                row.getString("actor"), row.getString("actor_role"), payload, row.getString("traceparent"));
    }

    void remove(long id) {
        sql.update("DELETE FROM " + table + " WHERE id = ?", id);
    }

    /** Counts a failed retry: a longer pause, or DEAD after the last attempt. */
    void failed(long id, int attempts, String reason, Duration pause, boolean dead) {
        wrote();
        sql.update("UPDATE " + table + " SET attempts = ?, reason = ?, status = ?, next_attempt_at = ? WHERE id = ?",
                attempts, reason, dead ? DEAD : WAITING, Instant.now().plus(pause), id);
    }

    public List<Parked> list(String consumer, int limit) {
        return sql.list("SELECT * FROM " + table + " WHERE consumer = ? ORDER BY id LIMIT ?", row -> new Parked(
                row.getLong("id"), row.getString("consumer"), row.getString("record_key"), row.getString("event_id"),
                row.getString("event_type"), row.getString("topic"), row.getInt("kafka_partition"),
                row.getLong("kafka_offset"), row.getString("reason"), row.getInt("attempts"),
                row.getString("status"), Sql.instant(row, "next_attempt_at"), Sql.instant(row, "parked_at")),
                consumer, limit);
    }

    /** An operator's replay after a fix: every DEAD event of the consumer waits for its next retry again. */
    public int replay(String consumer) {
        wrote();
        return sql.update("UPDATE " + table + " SET status = ?, attempts = 0, next_attempt_at = now() "
                + "WHERE consumer = ? AND status = ?", WAITING, consumer, DEAD);
    }

    /**
     * When this process last wrote a waiting event (parked one, counted a failed retry, replayed the dead), as
     * {@link System#nanoTime()} taken before the write (this bean's creation before the first): a count of the table
     * that started later may say "nothing waiting" only if the write had not committed yet, and the next count sees
     * it.
     */
    long lastWrittenAt() {
        return lastWrittenAt.get();
    }

    /** Several consumer threads and the re-drive write: the latest time stays, whichever thread stores last. */
    private void wrote() {
        long now = System.nanoTime();
        lastWrittenAt.accumulateAndGet(now, (last, next) -> next - last > 0 ? next : last);
    }
}
