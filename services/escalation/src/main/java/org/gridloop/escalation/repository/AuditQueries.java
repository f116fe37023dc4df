package org.gridloop.escalation.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.gridloop.platform.db.DatabaseConfig;

/** 督办's lists over the read model, each limited to a unit (a code prefix): Hibernate Reactive, reads only. */
@ApplicationScoped
public class AuditQueries {

    /** An open case past its due time. */
    public record Overdue(String requestId, String gridCode, String category, String status, Instant dueAt,
                          boolean limitMissed) {
    }

    /** An escalation as the evaluation recorded it: how high it climbed, what was decided, how it ended. */
    public record Escalated(String escalationId, String requestId, String gridCode, String trigger, String department,
                            Instant raisedAt, String level, int lifts, String decision, Instant endedAt,
                            String endReason) {
    }

    /** One case as the cases export shows it. */
    public record CaseRow(String requestId, String gridCode, LocalDate day, String category, String status,
                          String outcome, Instant submittedAt, Instant closedAt, Instant dueAt, Instant finishedAt,
                          boolean deferred, Integer rating, int reworkCount, boolean limitMissed, long escalations) {
    }

    public static final int LIMIT = 1000;

    private final String schema;

    AuditQueries(DatabaseConfig database) {
        this.schema = database.schema();
    }

    /** Open cases under the unit whose due time passed before handling finished, most overdue first. */
    @WithSession
    public Uni<List<Overdue>> overdue(String unitPrefix) {
        String sql = "SELECT c.request_id, c.grid_code, f.category, f.status, c.due_at, c.limit_missed FROM " + schema
                + ".case_fact c LEFT JOIN " + schema + ".case_file f ON f.request_id = c.request_id "
                + "WHERE c.closed_at IS NULL AND c.due_at < now() AND (c.finished_at IS NULL OR c.finished_at > "
                + "c.due_at) AND " + UnitFilter.under("c.grid_code", unitPrefix) + " ORDER BY c.due_at LIMIT " + LIMIT;
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .getResultList()).map(rows -> rows.stream().map(r ->
                new Overdue((String) r[0], (String) r[1], (String) r[2], (String) r[3], instant(r[4]),
                        Boolean.TRUE.equals(r[5]))).toList());
    }

    /** Escalations raised in the period for cases under the unit, newest first. */
    @WithSession
    public Uni<List<Escalated>> escalated(String unitPrefix, LocalDate from, LocalDate to) {
        String sql = "SELECT escalation_id, request_id, grid_code, trigger_name, department, raised_at, level, lifts, "
                + "decision, ended_at, end_reason FROM " + schema + ".escalation_fact WHERE "
                + UnitFilter.under("grid_code", unitPrefix) + " AND day BETWEEN :from AND :to ORDER BY raised_at DESC LIMIT " + LIMIT;
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("from", from)
                .setParameter("to", to).getResultList()).map(rows -> rows.stream().map(r -> new Escalated(
                (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], instant(r[5]),
                (String) r[6], ((Number) r[7]).intValue(), (String) r[8], instant(r[9]), (String) r[10])).toList());
    }

    /** How many cases under the unit were submitted in the period: what an export of them would hold. */
    @WithSession
    public Uni<Long> countCases(String unitPrefix, LocalDate from, LocalDate to) {
        String sql = "SELECT count(*) FROM " + schema + ".case_fact c WHERE "
                + UnitFilter.under("c.grid_code", unitPrefix) + " AND c.day BETWEEN :from AND :to";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Long.class)
                .setParameter("from", from).setParameter("to", to)
                .getSingleResult());
    }

    /**
     * One page of the cases under the unit submitted in the period, in (day, id) order, after the given case (null:
     * from the first): the export reads page by page, so no query holds more than a page.
     */
    @WithSession
    public Uni<List<CaseRow>> casesAfter(String unitPrefix, LocalDate from, LocalDate to, CaseRow after, int page) {
        String sql = "SELECT c.request_id, c.grid_code, c.day, f.category, f.status, c.outcome, c.submitted_at, "
                + "c.closed_at, c.due_at, c.finished_at, c.deferred, c.rating, c.rework_count, c.limit_missed, "
                + "(SELECT count(*) FROM " + schema + ".escalation_fact e WHERE e.request_id = c.request_id) FROM "
                + schema + ".case_fact c LEFT JOIN " + schema + ".case_file f ON f.request_id = c.request_id "
                + "WHERE " + UnitFilter.under("c.grid_code", unitPrefix) + " AND c.day BETWEEN :from AND :to "
                + (after == null ? "" : "AND (c.day, c.request_id) > (:afterDay, :afterId) ")
                + "ORDER BY c.day, c.request_id LIMIT " + page;
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class)
                    .setParameter("from", from).setParameter("to", to);
            if (after != null) {
                query.setParameter("afterDay", after.day()).setParameter("afterId", after.requestId());
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(r -> new CaseRow((String) r[0], (String) r[1],
                date(r[2]), (String) r[3], (String) r[4], (String) r[5], instant(r[6]), instant(r[7]), instant(r[8]),
                instant(r[9]), Boolean.TRUE.equals(r[10]), r[11] == null ? null : ((Number) r[11]).intValue(),
                ((Number) r[12]).intValue(), Boolean.TRUE.equals(r[13]), ((Number) r[14]).longValue())).toList());
    }

    public static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (o instanceof Date d) {
            return d.toInstant();
        }
        throw new IllegalStateException("not a time: " + o.getClass());
    }

    public static LocalDate date(Object o) {
        if (o == null || o instanceof LocalDate) {
            return (LocalDate) o;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + o.getClass());
    }
}
