package org.gridloop.escalation.repository;

import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.gridloop.contracts.EscalationEndReason;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.db.TransactionalRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The write side of the escalations: JDBC in the step's JTA transaction, the one the engine and the outbox use. A
 * step (a consumed batch, a decision, a timer) loads an escalation locked, the process adapters find the same
 * instance, and it is written once at the commit.
 */
@Singleton
public class Escalations extends TransactionalRepository<String, Escalation> {

    private static final String COLUMNS = "id, request_id, trigger_name, department, grid_code, level, unit, due, "
            + "status, raised_at, repeats, decision, decided_by, decided_at, decided_level, new_deadline, "
            + "to_department, decision_note, ended_at, end_reason, version, department_unit, raised_from, raised_by, "
            + "raise_note";

    private final TransactionSynchronizationRegistry transactions;
    private final Sql sql;
    private final String table;
    /** This transaction's new escalations by request, which no query finds before the commit. */
    private final Object added = new Object();

    Escalations(TransactionSynchronizationRegistry transactions, Sql sql,
                DatabaseConfig database) {
        super(transactions);
        this.transactions = transactions;
        this.sql = sql;
        this.table = database.schema() + ".escalation";
    }

    /**
     * The open escalations of a case as this transaction sees them, each locked: those stored open and not ended in
     * this transaction, and those opened in it.
     */
    public List<Escalation> openOf(String requestId) {
        Set<String> ids = new LinkedHashSet<>(sql.list("SELECT id FROM " + table + " WHERE request_id = ? AND "
                + "status = ? ORDER BY id", row -> row.getString(1), requestId, Escalation.OPEN));
        ids.addAll(addedIn().getOrDefault(requestId, List.of()));
        List<Escalation> open = new ArrayList<>();
        for (String id : ids) {
            forUpdate(id).filter(Escalation::isOpen).ifPresent(open::add);
        }
        return open;
    }

    @Override
    public Escalation add(Escalation escalation) {
        super.add(escalation);
        addedIn().computeIfAbsent(escalation.requestId, r -> new ArrayList<>()).add(escalation.id);
        return escalation;
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<String>> addedIn() {
        Map<String, List<String>> byRequest = (Map<String, List<String>>) transactions.getResource(added);
        if (byRequest == null) {
            byRequest = new HashMap<>();
            transactions.putResource(added, byRequest);
        }
        return byRequest;
    }

    @Override
    protected Optional<Escalation> selectForUpdate(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ? FOR UPDATE", Escalations::row, id);
    }

    @Override
    protected Optional<Escalation> select(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?", Escalations::row, id);
    }

    @Override
    protected void insert(Escalation e) {
        sql.update("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?)", e.id, e.requestId, e.trigger, e.department, e.gridCode, e.level,
                e.unit, e.due, e.status, e.raisedAt, e.repeats, e.decision, e.decidedBy, e.decidedAt, e.decidedLevel,
                e.newDeadline, e.toDepartment, e.decisionNote, e.endedAt, e.endReason, e.version, e.departmentUnit,
                e.raisedFrom, e.raisedBy, e.raiseNote);
    }

    /** What a step may change; why and for whom it was opened is fixed. */
    @Override
    protected void update(Escalation e) {
        e.version++;
        sql.update("UPDATE " + table + " SET level = ?, unit = ?, due = ?, status = ?, repeats = ?, decision = ?, "
                        + "decided_by = ?, decided_at = ?, decided_level = ?, new_deadline = ?, to_department = ?, "
                        + "decision_note = ?, ended_at = ?, end_reason = ?, version = ? WHERE id = ?",
                e.level, e.unit, e.due, e.status, e.repeats, e.decision, e.decidedBy, e.decidedAt, e.decidedLevel,
                e.newDeadline, e.toDepartment, e.decisionNote, e.endedAt, e.endReason, e.version, e.id);
    }

    @Override
    protected String keyOf(Escalation e) {
        return e.id;
    }

    static Escalation row(ResultSet row) throws SQLException {
        Escalation e = new Escalation();
        e.id = row.getString("id");
        e.requestId = row.getString("request_id");
        e.trigger = row.getString("trigger_name");
        e.department = row.getString("department");
        e.gridCode = row.getString("grid_code");
        e.level = row.getString("level");
        e.unit = row.getString("unit");
        e.due = Sql.instant(row, "due");
        e.status = row.getString("status");
        e.raisedAt = Sql.instant(row, "raised_at");
        e.repeats = row.getInt("repeats");
        e.decision = row.getString("decision");
        e.decidedBy = row.getString("decided_by");
        e.decidedAt = Sql.instant(row, "decided_at");
        e.decidedLevel = row.getString("decided_level");
        e.newDeadline = Sql.instant(row, "new_deadline");
        e.toDepartment = row.getString("to_department");
        e.decisionNote = row.getString("decision_note");
        e.endedAt = Sql.instant(row, "ended_at");
        String endReason = row.getString("end_reason");
        e.endReason = endReason == null ? null : EscalationEndReason.valueOf(endReason);
        e.version = row.getLong("version");
        e.departmentUnit = row.getString("department_unit");
        e.raisedFrom = row.getString("raised_from");
        e.raisedBy = row.getString("raised_by");
        e.raiseNote = row.getString("raise_note");
        return e;
    }
}
