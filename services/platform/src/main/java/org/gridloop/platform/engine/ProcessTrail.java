package org.gridloop.platform.engine;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.gridloop.platform.db.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The steps of each process instance as one row of the engine's schema ({@code gridloop_process_trail}): which
 * activities it has been through, which it is in now, when it started and ended. It is what a service shows of a
 * case's process (grid-intake's case page draws the diagram with the steps done), kept instead of Camunda's activity
 * history ({@code gridloop.engine.history=trail}). Camunda writes an {@code ACT_HI_ACTINST} row for every activity an
 * instance passes (gateways and service tasks too) and reads and updates it again when a wait state ends: ~26 rows
 * and ~30 statements per closed case in grid-intake, each row in ten secondary indexes and its key. The trail
 * takes the same events from the engine (history level activity, Camunda's database handler off) and writes one
 * upsert per instance per engine command, at the command's flush, on the command's connection (so in its
 * transaction: a command that fails leaves the trail as it was).
 *
 * <p>Same answers as the activity history for what is read: an activity is done once an instance of it ended
 * (finished or cancelled; listed in the order they first ended), active while an instance of it has started and not
 * ended. Not followed: a process instance migrated to another definition (the trail keeps the definition it started
 * with; nothing migrates instances here). Every replica of a service must keep the trail: one still on Camunda's
 * history (during a rolling switch) writes its steps there. An instance started before the
 * trail was switched on has no start in its row ({@link Trail#startedAt} null); its earlier steps are in Camunda's
 * history, which no end ever reaches (Camunda's handler is off), so the chore that removes a trail after its
 * definition's history time to live has passed since the end ({@link #removeExpired}) removes that history with it.
 */
public final class ProcessTrail implements HistoryEventHandler, SessionFactory {

    /** The value of {@code gridloop.engine.history} that keeps trails. */
    public static final String LEVEL = "trail";

    static final String TABLE = "gridloop_process_trail";

    /** A process instance's trail. {@code startedAt} is null for an instance started before the trail existed. */
    public record Trail(String processInstanceId, String businessKey, String definitionId, String definitionKey,
                 Instant startedAt, Instant endedAt, List<String> completedActivityIds,
                 List<String> activeActivityIds) {
    }

    private final Sql sql;
    private final boolean kept;
    private final String schema;
    private final String table;
    private final String upsert;
    private final String select;

    ProcessTrail(Sql sql, String schema, boolean kept) {
        this.sql = sql;
        this.kept = kept;
        this.schema = schema;
        this.table = schema + "." + TABLE;
        // completed: the new activity ids appended in their order, each once; active: the instances ended in this
        // command removed, those started and not ended added (a jsonb object of activity instance id to activity id)
        this.upsert = "INSERT INTO " + table + " AS t (process_instance_id, business_key, definition_id, "
                + "definition_key, started_at, ended_at, remove_at, completed, active) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, jsonb_object(?::text[], ?::text[])) "
                + "ON CONFLICT (process_instance_id) DO UPDATE SET "
                + "business_key = COALESCE(EXCLUDED.business_key, t.business_key), "
                + "started_at = COALESCE(t.started_at, EXCLUDED.started_at), "
                + "ended_at = COALESCE(EXCLUDED.ended_at, t.ended_at), "
                + "remove_at = COALESCE(EXCLUDED.remove_at, t.remove_at), "
                + "completed = t.completed || ARRAY(SELECT c FROM unnest(EXCLUDED.completed) "
                + "WITH ORDINALITY AS n(c, i) WHERE c <> ALL (t.completed) ORDER BY i), "
                + "active = CASE WHEN EXCLUDED.ended_at IS NOT NULL THEN '{}'::jsonb "
                + "ELSE (t.active - ?::text[]) || EXCLUDED.active END";
        // active as read: each activity id once (an activity can have several instances), by activity id
        this.select = "SELECT *, ARRAY(SELECT DISTINCT a FROM jsonb_each_text(active) AS e(i, a) ORDER BY a) "
                + "AS active_ids FROM " + table + " ";
    }

    /** Whether this engine keeps trails ({@code gridloop.engine.history=trail}); reads find none otherwise. */
    public boolean kept() {
        return kept;
    }

    /** The table and its indexes, if missing (at startup, in the engine schema's transaction). */
    void create() {
        sql.update("CREATE TABLE IF NOT EXISTS " + table + " ("
                + "process_instance_id text PRIMARY KEY, business_key text, definition_id text NOT NULL, "
                + "definition_key text NOT NULL, started_at timestamptz, ended_at timestamptz, remove_at timestamptz, "
                + "completed text[] NOT NULL, active jsonb NOT NULL)");
        sql.update("CREATE INDEX IF NOT EXISTS " + TABLE + "_business_key ON " + table
                + " (business_key, definition_key, started_at DESC NULLS LAST)");
        sql.update("CREATE INDEX IF NOT EXISTS " + TABLE + "_remove_at ON " + table
                + " (remove_at) WHERE remove_at IS NOT NULL");
    }

    // --- reading

    /** The instance of a definition with this business key that started last (blocking). */
    public Optional<Trail> latest(String businessKey, String definitionKey) {
        if (!kept) {
            return Optional.empty();
        }
        return sql.one(select + "WHERE business_key = ? AND definition_key = ? "
                + "ORDER BY started_at DESC NULLS LAST LIMIT 1", ProcessTrail::trail, businessKey, definitionKey);
    }

    /** An instance's trail, also one started before the trail (blocking). */
    public Optional<Trail> of(String processInstanceId) {
        if (!kept) {
            return Optional.empty();
        }
        return sql.one(select + "WHERE process_instance_id = ?", ProcessTrail::trail, processInstanceId);
    }

    private static Trail trail(ResultSet row) throws SQLException {
        return new Trail(row.getString("process_instance_id"), row.getString("business_key"),
                row.getString("definition_id"), row.getString("definition_key"), Sql.instant(row, "started_at"),
                Sql.instant(row, "ended_at"), Sql.strings(row, "completed"), Sql.strings(row, "active_ids"));
    }

    /**
     * Removes up to {@code limit} trails whose time to live has passed, and for those of instances started before the
     * trail their rows in Camunda's history (whose end it never wrote); the number of trails removed.
     */
    int removeExpired(Instant now, int limit) {
        String before = "(SELECT process_instance_id FROM gone WHERE started_at IS NULL)";
        return sql.one("WITH gone AS (DELETE FROM " + table + " WHERE process_instance_id IN (SELECT "
                + "process_instance_id FROM " + table + " WHERE remove_at < ? LIMIT ?) "
                + "RETURNING process_instance_id, started_at), "
                + "a AS (DELETE FROM " + schema + ".act_hi_actinst WHERE proc_inst_id_ IN " + before + "), "
                + "k AS (DELETE FROM " + schema + ".act_hi_taskinst WHERE proc_inst_id_ IN " + before + "), "
                + "p AS (DELETE FROM " + schema + ".act_hi_procinst WHERE proc_inst_id_ IN " + before + ") "
                + "SELECT count(*) FROM gone", row -> row.getInt(1), now, limit).orElse(0);
    }

    // --- writing: the engine's history events, one session per command

    @Override
    public void handleEvent(HistoryEvent event) {
        if (event instanceof HistoricActivityInstanceEventEntity
                || event instanceof HistoricProcessInstanceEventEntity) {
            Context.getCommandContext().getSession(Steps.class).add(event);
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    @Override
    public Class<?> getSessionType() {
        return Steps.class;
    }

    @Override
    public Session openSession() {
        return new Steps();
    }

    /** What one engine command did to each instance; written when the command flushes (not when it failed). */
    final class Steps implements Session {

        private final Map<String, Changes> instances = new LinkedHashMap<>();

        void add(HistoryEvent event) {
            Changes changes = instances.computeIfAbsent(event.getProcessInstanceId(), id -> new Changes());
            changes.definitionId = event.getProcessDefinitionId();
            changes.definitionKey = event.getProcessDefinitionKey();
            String type = event.getEventType();
            if (event instanceof HistoricActivityInstanceEventEntity activity) {
                if (HistoryEventTypes.ACTIVITY_INSTANCE_START.getEventName().equals(type)) {
                    changes.started.put(activity.getActivityInstanceId(), activity.getActivityId());
                } else if (HistoryEventTypes.ACTIVITY_INSTANCE_END.getEventName().equals(type)) {
                    if (changes.started.remove(activity.getActivityInstanceId()) == null) {
                        changes.endedEarlier.add(activity.getActivityInstanceId());
                    }
                    changes.completed.add(activity.getActivityId());
                }
            } else if (event instanceof HistoricProcessInstanceEventEntity process) {
                if (process.getBusinessKey() != null) {
                    changes.businessKey = process.getBusinessKey();
                }
                if (HistoryEventTypes.PROCESS_INSTANCE_START.getEventName().equals(type)) {
                    changes.startedAt = process.getStartTime().toInstant();
                } else if (HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(type)) {
                    changes.endedAt = process.getEndTime().toInstant();
                    changes.removeAt = removeAt(process.getProcessDefinitionId(), changes.endedAt);
                }
            }
        }

        @Override
        public void flush() {
            // the command's own connection: the trail commits or rolls back with the engine's rows
            Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
            instances.forEach((id, c) -> Sql.update(connection, upsert, id, c.businessKey, c.definitionId,
                    c.definitionKey, c.startedAt, c.endedAt, c.removeAt, List.copyOf(c.completed),
                    List.copyOf(c.started.keySet()), List.copyOf(c.started.values()), List.copyOf(c.endedEarlier)));
            instances.clear();
        }

        @Override
        public void close() {
        }
    }

    private static final class Changes {
        String businessKey;
        String definitionId;
        String definitionKey;
        Instant startedAt;
        Instant endedAt;
        Instant removeAt;
        final Set<String> completed = new LinkedHashSet<>();
        final Map<String, String> started = new LinkedHashMap<>();
        final List<String> endedEarlier = new ArrayList<>();
    }

    /** The end plus the definition's history time to live; null (kept) when the definition sets none. */
    private static Instant removeAt(String definitionId, Instant endedAt) {
        ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(definitionId);
        Integer days = definition == null ? null : definition.getHistoryTimeToLive();
        return days == null ? null : endedAt.plus(Duration.ofDays(days));
    }
}
