package org.gridloop.escalation.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write side of the case timeline: a batch's entries in one statement, in the batch's transaction. The entry's
 * unique event id makes the timeline its own record of what the read model applied: an entry already there (the
 * rebuild and the live consumer met on the same event) is not inserted again, and only the events whose entries
 * were new are folded into the case files and facts.
 */
@ApplicationScoped
public class Timeline {

    /** One step of a case's timeline. */
    public record Entry(String eventId, String requestId, String eventType, String stage, String actor,
                        String actorRole, String department, Instant occurredAt, Instant recordedAt, String detailCode,
                        Map<String, Object> detailParams) {
    }

    private static final String[] COLUMNS = {"seq int", "event_id text", "request_id text", "event_type text",
            "stage text", "actor text", "actor_role text", "department text", "occurred_at timestamptz",
            "recorded_at timestamptz", "detail_code text", "detail_params jsonb"};

    private final Sql sql;
    private final String table;

    Timeline(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.table = database.schema() + ".timeline_entry";
    }

    /**
     * Inserts the entries, case by case in request-id order (as the case files are locked next) and within a case
     * in the order given, so the identity column keeps the order of events of equal time; returns the ids of the
     * events whose entries are new.
     */
    public Set<String> add(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Set.of();
        }
        JsonRows rows = new JsonRows(COLUMNS);
        int seq = 0;
        for (Entry e : entries) {
            rows.add(seq++, e.eventId(), e.requestId(), e.eventType(), e.stage(), e.actor(), e.actorRole(),
                    e.department(), e.occurredAt(), e.recordedAt(), e.detailCode(), e.detailParams());
        }
        String columns = "event_id, request_id, event_type, stage, actor, actor_role, department, occurred_at, "
                + "recorded_at, detail_code, detail_params";
        return new HashSet<>(sql.list("INSERT INTO " + table + " (" + columns + ") SELECT r.event_id, r.request_id, "
                        + "r.event_type, r.stage, r.actor, r.actor_role, r.department, r.occurred_at, r.recorded_at, "
                        + "r.detail_code, r.detail_params FROM " + rows.source() + " ORDER BY r.request_id, r.seq "
                        + "ON CONFLICT (event_id) DO NOTHING RETURNING event_id",
                row -> row.getString(1), rows.json()));
    }
}
