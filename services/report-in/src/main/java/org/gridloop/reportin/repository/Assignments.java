package org.gridloop.reportin.repository;

import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.db.TransactionalRepository;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.reportin.domain.AssignmentStatus;
import org.gridloop.reportin.domain.DepartmentAssignment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The write side of the called departments: JDBC in the step's JTA transaction. */
@Singleton
public class Assignments extends TransactionalRepository<String, DepartmentAssignment> {

    private static final String COLUMNS = "id, request_id, round, department, role, status, report_in_due, "
            + "resolve_due, reported_in_at, answered_at, result, note, report_in_missed, resolution_missed, "
            + "disputed_at, dispute_reason, created_at, version";

    private final Sql sql;
    private final String table;

    Assignments(TransactionSynchronizationRegistry transactions, Sql sql,
                DatabaseConfig database) {
        super(transactions);
        this.sql = sql;
        this.table = database.schema() + ".department_assignment";
    }

    /** The department's assignment in a round, locked; empty when it is not called there. */
    public Optional<DepartmentAssignment> of(String requestId, int round, String department) {
        return forUpdate(DepartmentAssignment.id(requestId, round, department));
    }

    /** Every department called in a round, locked, in the order they were called (re-routed ones included). */
    public List<DepartmentAssignment> ofRound(String requestId, int round) {
        return sql.list("SELECT id FROM " + table + " WHERE request_id = ? AND round = ? ORDER BY created_at, id",
                row -> row.getString(1), requestId, round).stream()
                .map(id -> forUpdate(id).orElseThrow()).toList();
    }

    @Override
    protected Optional<DepartmentAssignment> selectForUpdate(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ? FOR UPDATE", Assignments::row, id);
    }

    @Override
    protected Optional<DepartmentAssignment> select(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?", Assignments::row, id);
    }

    @Override
    protected void insert(DepartmentAssignment a) {
        sql.update("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?)", a.id, a.requestId, a.round, a.department, a.role, a.status, a.reportInDue,
                a.resolveDue, a.reportedInAt, a.answeredAt, a.result, a.note, a.reportInMissed, a.resolutionMissed,
                a.disputedAt, a.disputeReason, a.createdAt, a.version);
    }

    @Override
    protected void update(DepartmentAssignment a) {
        a.version++;
        sql.update("UPDATE " + table + " SET status = ?, report_in_due = ?, resolve_due = ?, reported_in_at = ?, "
                        + "answered_at = ?, result = ?, note = ?, report_in_missed = ?, resolution_missed = ?, "
                        + "disputed_at = ?, dispute_reason = ?, version = ? WHERE id = ?",
                a.status, a.reportInDue, a.resolveDue, a.reportedInAt, a.answeredAt, a.result, a.note,
                a.reportInMissed, a.resolutionMissed, a.disputedAt, a.disputeReason, a.version, a.id);
    }

    @Override
    protected String keyOf(DepartmentAssignment a) {
        return a.id;
    }

    static DepartmentAssignment row(ResultSet row) throws SQLException {
        DepartmentAssignment a = new DepartmentAssignment();
        a.id = row.getString("id");
        a.requestId = row.getString("request_id");
        a.round = row.getInt("round");
        a.department = row.getString("department");
        a.role = row.getString("role");
        a.status = AssignmentStatus.valueOf(row.getString("status"));
        a.reportInDue = Sql.instant(row, "report_in_due");
        a.resolveDue = Sql.instant(row, "resolve_due");
        a.reportedInAt = Sql.instant(row, "reported_in_at");
        a.answeredAt = Sql.instant(row, "answered_at");
        String result = row.getString("result");
        a.result = result == null ? null : AnswerResult.valueOf(result);
        a.note = row.getString("note");
        a.reportInMissed = row.getBoolean("report_in_missed");
        a.resolutionMissed = row.getBoolean("resolution_missed");
        a.disputedAt = Sql.instant(row, "disputed_at");
        a.disputeReason = row.getString("dispute_reason");
        a.createdAt = Sql.instant(row, "created_at");
        a.version = row.getLong("version");
        return a;
    }
}
