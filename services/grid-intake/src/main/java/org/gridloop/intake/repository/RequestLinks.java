package org.gridloop.intake.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 未诉先办: the cases a proactive case was opened from ({@code request_link}), written in the opening step's
 * transaction, read by the request view in both directions.
 */
@ApplicationScoped
public class RequestLinks {

    private final Sql sql;
    private final String links;
    private final String requests;

    RequestLinks(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.links = database.schema() + ".request_link";
        this.requests = database.schema() + ".service_request";
    }

    /** The grid of each of these requests that exists (an unknown id is absent from the answer). */
    public Map<String, String> gridCodes(Collection<String> ids) {
        Map<String, String> grids = new HashMap<>();
        if (!ids.isEmpty()) {
            sql.list("SELECT id, grid_code FROM " + requests + " WHERE id = ANY (?::text[])",
                    row -> grids.put(row.getString(1), row.getString(2)), List.copyOf(ids));
        }
        return grids;
    }

    /** Links {@code requestId} to the cases it was opened from, in the given order (in the step's transaction). */
    public void add(String requestId, List<String> linkedIds) {
        sql.update("INSERT INTO " + links + " (request_id, linked_request_id, position) "
                + "SELECT ?, o.id, o.n FROM unnest(?::text[]) WITH ORDINALITY AS o(id, n)", requestId, linkedIds);
    }

    /** The cases {@code requestId} was opened from, in the order the supervisor gave them. */
    public List<String> linkedFrom(String requestId) {
        return sql.list("SELECT linked_request_id FROM " + links + " WHERE request_id = ? ORDER BY position",
                row -> row.getString(1), requestId);
    }

    /** The proactive cases opened from {@code requestId}, oldest first. */
    public List<String> followedBy(String requestId) {
        return sql.list("SELECT l.request_id FROM " + links + " l JOIN " + requests + " r ON r.id = l.request_id "
                + "WHERE l.linked_request_id = ? ORDER BY r.created_at, r.id", row -> row.getString(1), requestId);
    }
}
