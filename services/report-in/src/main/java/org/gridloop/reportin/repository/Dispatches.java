package org.gridloop.reportin.repository;

import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.db.TransactionalRepository;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.domain.DispatchStatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The write side of the dispatch rounds: JDBC in the step's JTA transaction, one instance per round and step. */
@Singleton
public class Dispatches extends TransactionalRepository<String, Dispatch> {

    private static final String COLUMNS = "id, request_id, round, category, description, grid_code, district, "
            + "latitude, longitude, address, status, fallback, created_at, resolve_limit_ms, closed_by_order, "
            + "limit_class, resolved_at, version, report_in_limit, resolve_limit";

    private final Sql sql;
    private final String table;

    Dispatches(TransactionSynchronizationRegistry transactions, Sql sql,
               DatabaseConfig database) {
        super(transactions);
        this.sql = sql;
        this.table = database.schema() + ".dispatch";
    }

    /** The request's current (highest) round, locked. */
    public Optional<Dispatch> current(String requestId) {
        return sql.one("SELECT id FROM " + table + " WHERE request_id = ? ORDER BY round DESC LIMIT 1",
                row -> row.getString(1), requestId).flatMap(this::forUpdate);
    }

    @Override
    protected Optional<Dispatch> selectForUpdate(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ? FOR UPDATE", Dispatches::row, id);
    }

    @Override
    protected Optional<Dispatch> select(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?", Dispatches::row, id);
    }

    @Override
    protected void insert(Dispatch d) {
        sql.update("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?)", d.id, d.requestId, d.round, d.category, d.description, d.gridCode, d.district,
                d.latitude, d.longitude, d.address, d.status, d.fallback, d.createdAt, d.resolveLimitMs,
                d.closedByOrder, d.limitClass, d.resolvedAt, d.version, d.reportInLimit, d.resolveLimit);
    }

    @Override
    protected void update(Dispatch d) {
        d.version++;
        sql.update("UPDATE " + table + " SET district = ?, status = ?, fallback = ?, resolve_limit_ms = ?, "
                        + "closed_by_order = ?, limit_class = ?, resolved_at = ?, version = ?, report_in_limit = ?, "
                        + "resolve_limit = ? WHERE id = ?",
                d.district, d.status, d.fallback, d.resolveLimitMs, d.closedByOrder, d.limitClass, d.resolvedAt,
                d.version, d.reportInLimit, d.resolveLimit, d.id);
    }

    @Override
    protected String keyOf(Dispatch d) {
        return d.id;
    }

    static Dispatch row(ResultSet row) throws SQLException {
        Dispatch d = new Dispatch();
        d.id = row.getString("id");
        d.requestId = row.getString("request_id");
        d.round = row.getInt("round");
        d.category = row.getString("category");
        d.description = row.getString("description");
        d.gridCode = row.getString("grid_code");
        d.district = row.getString("district");
        d.latitude = Sql.decimal(row, "latitude");
        d.longitude = Sql.decimal(row, "longitude");
        d.address = row.getString("address");
        d.status = DispatchStatus.valueOf(row.getString("status"));
        d.fallback = row.getBoolean("fallback");
        d.createdAt = Sql.instant(row, "created_at");
        long limit = row.getLong("resolve_limit_ms");
        d.resolveLimitMs = row.wasNull() ? null : limit;
        d.closedByOrder = row.getBoolean("closed_by_order");
        d.limitClass = row.getString("limit_class");
        d.resolvedAt = Sql.instant(row, "resolved_at");
        d.reportInLimit = row.getString("report_in_limit");
        d.resolveLimit = row.getString("resolve_limit");
        d.version = row.getLong("version");
        return d;
    }
}
