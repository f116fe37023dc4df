package org.gridloop.intake.repository;

import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.RejectReason;
import org.gridloop.intake.domain.Geo;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.db.TransactionalRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The write side of the requests: JDBC in the step's JTA transaction (the one the engine and the outbox use). A
 * step loads a request locked, the process adapters find the same instance, and it is written once at the commit.
 */
@Singleton
public class ServiceRequests extends TransactionalRepository<String, ServiceRequest> {

    private static final String COLUMNS = "id, tracking_token_hash, source, category, description, latitude, "
            + "longitude, address, grid_code, photo_urls, photos_public, anonymous, contact_name, contact_phone, reporter, status, "
            + "round, rework_count, rating, rating_comment, outcome, claimed_by, handled_at, whistle_blown_at, "
            + "verified_round, merged_into, reject_reason, status_note, closed_at, created_at, updated_at, version, "
            + "answer_departments, answer_results, answer_notes, task_due_at";
    private static final List<String> OPEN = Arrays.stream(RequestStatus.values()).filter(RequestStatus::open)
            .map(Enum::name).toList();

    private final Sql sql;
    private final String table;

    ServiceRequests(TransactionSynchronizationRegistry transactions, Sql sql,
                    DatabaseConfig database) {
        super(transactions);
        this.sql = sql;
        this.table = database.schema() + ".service_request";
    }

    @Override
    protected Optional<ServiceRequest> selectForUpdate(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ? FOR UPDATE", ServiceRequests::row, id);
    }

    /** The request as committed, outside any step (a read that needs no lock and no transaction). */
    public Optional<ServiceRequest> find(String id) {
        return select(id);
    }

    @Override
    protected Optional<ServiceRequest> select(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM " + table + " WHERE id = ?", ServiceRequests::row, id);
    }

    @Override
    protected void insert(ServiceRequest r) {
        sql.update("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.id, r.trackingTokenHash, r.source, r.category, r.description, r.latitude, r.longitude, r.address,
                r.gridCode, r.photoUrls, r.photosPublic, r.anonymous, r.contactName, r.contactPhone, r.reporter, r.status, r.round,
                r.reworkCount, r.rating, r.ratingComment, r.outcome, r.claimedBy, r.handledAt, r.whistleBlownAt,
                r.verifiedRound, r.mergedInto, r.rejectReason, r.statusNote, r.closedAt, r.createdAt, r.updatedAt,
                r.version, r.answerDepartments, r.answerResults, r.answerNotes, r.taskDueAt);
    }

    /** What a step may change; the rest (where, what, who reported) is fixed at submission. */
    @Override
    protected void update(ServiceRequest r) {
        r.version++;
        sql.update("UPDATE " + table + " SET status = ?, round = ?, rework_count = ?, rating = ?, rating_comment = ?, "
                        + "outcome = ?, claimed_by = ?, handled_at = ?, whistle_blown_at = ?, verified_round = ?, "
                        + "reject_reason = ?, status_note = ?, closed_at = ?, updated_at = ?, version = ?, "
                        + "answer_departments = ?, answer_results = ?, answer_notes = ?, task_due_at = ? WHERE id = ?",
                r.status, r.round, r.reworkCount, r.rating, r.ratingComment, r.outcome, r.claimedBy, r.handledAt,
                r.whistleBlownAt, r.verifiedRound, r.rejectReason, r.statusNote, r.closedAt, r.updatedAt, r.version,
                r.answerDepartments, r.answerResults, r.answerNotes, r.taskDueAt, r.id);
    }

    @Override
    protected String keyOf(ServiceRequest r) {
        return r.id;
    }

    /**
     * 重复诉求: the nearest open request of the same category within {@code radiusMeters} of the point, submitted
     * after {@code since}. A bounding box narrows the candidates through the (category, status, created_at) index.
     */
    public Optional<ServiceRequest> nearestOpenDuplicate(String category, double latitude, double longitude,
                                                         double radiusMeters, Instant since) {
        double dLat = Geo.latitudeDegrees(radiusMeters);
        double dLon = Geo.longitudeDegrees(radiusMeters, latitude);
        return sql.list("SELECT " + COLUMNS + " FROM " + table + " WHERE category = ? AND status = ANY (?::text[]) "
                                + "AND created_at > ? AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?",
                        ServiceRequests::row, category, OPEN, since, latitude - dLat, latitude + dLat,
                        longitude - dLon, longitude + dLon).stream()
                .filter(c -> Geo.meters(c.latitude, c.longitude, latitude, longitude) <= radiusMeters)
                .min(Comparator.comparingDouble(c -> Geo.meters(c.latitude, c.longitude, latitude, longitude)));
    }

    /** The reports merged into {@code originalId} whose reporters have not rated yet (their own rating, 反馈). */
    public List<String> unratedFollowers(String originalId) {
        return sql.list("SELECT id FROM " + table + " WHERE merged_into = ? AND status = ? AND rating IS NULL "
                + "ORDER BY created_at", row -> row.getString(1), originalId, RequestStatus.MERGED);
    }

    static ServiceRequest row(ResultSet row) throws SQLException {
        ServiceRequest r = new ServiceRequest();
        r.id = row.getString("id");
        r.trackingTokenHash = row.getString("tracking_token_hash");
        r.source = row.getString("source");
        r.category = row.getString("category");
        r.description = row.getString("description");
        r.latitude = row.getDouble("latitude");
        r.longitude = row.getDouble("longitude");
        r.address = row.getString("address");
        r.gridCode = row.getString("grid_code");
        r.photoUrls = Sql.strings(row, "photo_urls");
        r.photosPublic = row.getBoolean("photos_public");
        r.anonymous = row.getBoolean("anonymous");
        r.contactName = row.getString("contact_name");
        r.contactPhone = row.getString("contact_phone");
        r.reporter = row.getString("reporter");
        r.status = RequestStatus.valueOf(row.getString("status"));
        r.round = row.getInt("round");
        r.reworkCount = row.getInt("rework_count");
        r.rating = Sql.integer(row, "rating");
        r.ratingComment = row.getString("rating_comment");
        String outcome = row.getString("outcome");
        r.outcome = outcome == null ? null : CaseOutcome.valueOf(outcome);
        r.claimedBy = row.getString("claimed_by");
        r.taskDueAt = Sql.instant(row, "task_due_at");
        r.handledAt = Sql.instant(row, "handled_at");
        r.whistleBlownAt = Sql.instant(row, "whistle_blown_at");
        r.verifiedRound = Sql.integer(row, "verified_round");
        r.mergedInto = row.getString("merged_into");
        String rejectReason = row.getString("reject_reason");
        r.rejectReason = rejectReason == null ? null : RejectReason.valueOf(rejectReason);
        r.statusNote = row.getString("status_note");
        r.closedAt = Sql.instant(row, "closed_at");
        r.createdAt = Sql.instant(row, "created_at");
        r.updatedAt = Sql.instant(row, "updated_at");
        r.version = row.getLong("version");
        r.answerDepartments = Sql.strings(row, "answer_departments");
        r.answerResults = Sql.strings(row, "answer_results");
        r.answerNotes = Sql.strings(row, "answer_notes");
        return r;
    }

    /**
     * How many cases are open at each stage (outside any step's transaction: a metrics sample). The partial index
     * {@code service_request_open_status} keeps it an index-only count of the open cases, however many are closed.
     */
    public Map<RequestStatus, Long> openByStatus() {
        Map<RequestStatus, Long> counts = new EnumMap<>(RequestStatus.class);
        sql.list("SELECT status, count(*) FROM " + table + " WHERE status IN (" + OPEN_STATUSES + ") GROUP BY status",
                row -> counts.put(RequestStatus.valueOf(row.getString(1)), row.getLong(2)));
        return counts;
    }

    /** The open statuses as SQL literals, in the order of the enum (the partial index's predicate lists the same). */
    static final String OPEN_STATUSES = Arrays.stream(RequestStatus.values())
            .filter(RequestStatus::open).map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", "));
}
