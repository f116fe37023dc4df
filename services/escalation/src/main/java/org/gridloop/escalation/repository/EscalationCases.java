package org.gridloop.escalation.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.util.Optional;

/**
 * What the escalation driver knows of a case from the events it saw: its grid (a missed dispatch limit from an
 * older producer carries none) and whether it closed. A record of the process side: not rebuilt from the topics.
 */
@ApplicationScoped
public class EscalationCases {

    /** The case as known now; {@code gridCode} null while no event has named it. */
    public record Known(String gridCode, boolean closed) {
    }

    private final Sql sql;
    private final String table;

    EscalationCases(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.table = database.schema() + ".escalation_case";
    }

    /** Records the case's grid; a grid it knows already writes nothing. */
    public void gridNamed(String requestId, String gridCode) {
        sql.update("INSERT INTO " + table + " AS k (request_id, grid_code) VALUES (?, ?) ON CONFLICT (request_id) "
                + "DO UPDATE SET grid_code = EXCLUDED.grid_code WHERE k.grid_code IS DISTINCT FROM EXCLUDED.grid_code",
                requestId, gridCode);
    }

    public void closed(String requestId) {
        sql.update("INSERT INTO " + table + " AS k (request_id, closed) VALUES (?, TRUE) ON CONFLICT (request_id) "
                + "DO UPDATE SET closed = TRUE WHERE NOT k.closed", requestId);
    }

    /**
     * What is known of the case, its row locked until the step commits (so a raise and a missed limit of the same
     * case queue); empty when no event of it was seen.
     */
    public Optional<Known> lock(String requestId) {
        return sql.one("SELECT grid_code, closed FROM " + table + " WHERE request_id = ? FOR UPDATE",
                row -> new Known(row.getString(1), row.getBoolean(2)), requestId);
    }

    /** Records the grid if the event named one, and answers what is known of the case now. */
    public Known know(String requestId, String gridCode) {
        return sql.one("INSERT INTO " + table + " AS k (request_id, grid_code) VALUES (?, ?) ON CONFLICT (request_id) "
                        + "DO UPDATE SET grid_code = COALESCE(EXCLUDED.grid_code, k.grid_code) RETURNING grid_code, closed",
                row -> new Known(row.getString(1), row.getBoolean(2)), requestId, gridCode).orElseThrow();
    }
}
