package org.gridloop.intake.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.intake.domain.ProgressLine;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The residents' progress lines ({@code request_progress}): written in a step's transaction, read in order. */
@ApplicationScoped
public class ProgressLines {

    private static final TypeReference<Map<String, Object>> PARAMS = new TypeReference<>() {
    };

    private final Sql sql;
    private final ObjectMapper json;
    private final String table;

    ProgressLines(Sql sql, ObjectMapper json, DatabaseConfig database) {
        this.sql = sql;
        this.json = json;
        this.table = database.schema() + ".request_progress";
    }

    public void add(String requestId, Instant at, String code, Map<String, Object> params) {
        try {
            sql.update("INSERT INTO " + table + " (request_id, at, code, params) VALUES (?, ?, ?, ?)", requestId, at,
                    code, json.writeValueAsString(params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("progress of " + requestId + ": " + e.getMessage(), e);
        }
    }

    /** The request's lines, oldest first (outside any transaction: a read). */
    public List<ProgressLine> of(String requestId) {
        return sql.list("SELECT at, code, params FROM " + table + " WHERE request_id = ? ORDER BY seq", row -> {
            try {
                return new ProgressLine(Sql.instant(row, "at"), row.getString("code"),
                        json.readValue(row.getString("params"), PARAMS));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("progress of " + requestId + ": " + e.getMessage(), e);
            }
        }, requestId);
    }
}
