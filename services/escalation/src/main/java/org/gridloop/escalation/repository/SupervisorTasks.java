package org.gridloop.escalation.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.SupervisorTask;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.time.Instant;
import java.util.List;

/**
 * The supervisor tasks, written by the step that opens or closes them (plain SQL in its transaction). A new
 * escalation's first task is written before the escalation row, which its repository writes at the commit; the
 * foreign key is checked at the commit for that reason (deferred, V4).
 */
@ApplicationScoped
public class SupervisorTasks {

    private final Sql sql;
    private final String table;

    SupervisorTasks(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.table = database.schema() + ".supervisor_task";
    }

    /** The task of the level the escalation reached: its unit's supervisors decide by {@code due}. */
    public void open(String escalationId, UnitCodes.Level level, String unit, Instant at, Instant due) {
        sql.update("INSERT INTO " + table + " (escalation_id, level, unit, opened_at, due, status) "
                + "VALUES (?, ?, ?, ?, ?, ?)", escalationId, level, unit, at, due, SupervisorTask.OPEN);
    }

    /** Closes the escalation's open task as DECIDED, LIFTED or CLOSED. */
    public void closeOpen(String escalationId, String status, Instant at) {
        sql.update("UPDATE " + table + " SET status = ?, closed_at = ? WHERE escalation_id = ? AND status = ?",
                status, at, escalationId, SupervisorTask.OPEN);
    }

    /** The escalation's tasks, oldest first, as this transaction sees them. */
    public List<SupervisorTask> of(String escalationId) {
        return sql.list("SELECT id, escalation_id, level, unit, opened_at, due, status, closed_at FROM " + table
                + " WHERE escalation_id = ? ORDER BY opened_at, id", row -> {
                    SupervisorTask t = new SupervisorTask();
                    t.id = row.getLong("id");
                    t.escalationId = row.getString("escalation_id");
                    t.level = row.getString("level");
                    t.unit = row.getString("unit");
                    t.openedAt = Sql.instant(row, "opened_at");
                    t.due = Sql.instant(row, "due");
                    t.status = row.getString("status");
                    t.closedAt = Sql.instant(row, "closed_at");
                    return t;
                }, escalationId);
    }
}
