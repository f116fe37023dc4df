package org.gridloop.escalation.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.escalation.domain.CaseFile;
import org.gridloop.escalation.domain.CaseStatus;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The write side of the case files, for a batch at a time, in the batch's transaction: the batch's cases are
 * created if new, locked in request-id order (so two batches sharing cases wait for each other instead of
 * deadlocking), folded in memory, and written back with one statement.
 */
@ApplicationScoped
public class CaseFiles {

    private static final String COLUMNS = "request_id, grid_code, category, status, status_at, source, submitted_at, "
            + "closed_at, outcome, rating, rework_count, round, last_event_at, version";
    private static final String[] WRITTEN = {"request_id text", "grid_code text", "category text", "status text",
            "status_at timestamptz", "source text", "submitted_at timestamptz", "closed_at timestamptz",
            "outcome text", "rating int", "rework_count int", "round int", "last_event_at timestamptz"};

    private final Sql sql;
    private final String table;

    CaseFiles(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.table = database.schema() + ".case_file";
    }

    /** The case files of these requests, created when new, locked until the transaction ends; by request id. */
    public Map<String, CaseFile> lock(SortedSet<String> requestIds) {
        List<String> ids = List.copyOf(requestIds);
        sql.update("INSERT INTO " + table + " (request_id, status, round) SELECT id, ?, 1 FROM unnest(?::text[]) "
                + "AS id ORDER BY id ON CONFLICT (request_id) DO NOTHING", CaseStatus.SUBMITTED, ids);
        Map<String, CaseFile> files = new LinkedHashMap<>();
        for (CaseFile file : sql.list("SELECT " + COLUMNS + " FROM " + table + " WHERE request_id = ANY (?::text[]) "
                + "ORDER BY request_id FOR UPDATE", CaseFiles::row, ids)) {
            files.put(file.requestId, file);
        }
        return files;
    }

    /** Writes the folded files back (their rows are locked already), in one statement. */
    public void write(Collection<CaseFile> files) {
        if (files.isEmpty()) {
            return;
        }
        JsonRows rows = new JsonRows(WRITTEN);
        for (CaseFile f : files) {
            rows.add(f.requestId, f.gridCode, f.category, f.status.name(), f.statusAt, f.source, f.submittedAt,
                    f.closedAt, f.outcome, f.rating, f.reworkCount, f.round, f.lastEventAt);
        }
        sql.update("UPDATE " + table + " f SET grid_code = r.grid_code, category = r.category, status = r.status, "
                + "status_at = r.status_at, source = r.source, submitted_at = r.submitted_at, closed_at = r.closed_at, "
                + "outcome = r.outcome, rating = r.rating, rework_count = r.rework_count, round = r.round, "
                + "last_event_at = r.last_event_at, version = f.version + 1 FROM " + rows.source()
                + " WHERE f.request_id = r.request_id", rows.json());
    }

    static CaseFile row(ResultSet row) throws SQLException {
        CaseFile f = new CaseFile();
        f.requestId = row.getString("request_id");
        f.gridCode = row.getString("grid_code");
        f.category = row.getString("category");
        f.status = CaseStatus.valueOf(row.getString("status"));
        f.statusAt = Sql.instant(row, "status_at");
        f.source = row.getString("source");
        f.submittedAt = Sql.instant(row, "submitted_at");
        f.closedAt = Sql.instant(row, "closed_at");
        String outcome = row.getString("outcome");
        f.outcome = outcome == null ? null : CaseOutcome.valueOf(outcome);
        f.rating = Sql.integer(row, "rating");
        f.reworkCount = row.getInt("rework_count");
        f.round = row.getInt("round");
        f.lastEventAt = Sql.instant(row, "last_event_at");
        f.version = row.getLong("version");
        return f;
    }
}
