package org.gridloop.escalation.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * 每月一题's records ({@code monthly_topic}) and the reads that track one: its cases in the unit and category since
 * the month began (until the topic closed), from the case facts; its reports per month, from {@code category_day}.
 */
@ApplicationScoped
public class Topics {

    /** A month's topic of a unit. */
    public record Topic(String id, String unit, LocalDate month, String category, String title, String goal,
                        String openedBy, Instant openedAt, String closedBy, Instant closedAt, String summary) {
    }

    /**
     * How the topic's cases stand: cases (merged duplicates apart, as {@code repeats}; rejected reports left out),
     * closed, RESOLVED, rated and satisfied (a rating of 3 or more).
     */
    public record Progress(long cases, long repeats, long closed, long resolved, long rated, long satisfied) {
    }

    /** An open case of the topic. */
    public record OpenCase(String requestId, String gridCode, Instant submittedAt, Instant dueAt) {
    }

    public record MonthCount(String month, long reports) {
    }

    public static final int OPEN_LIMIT = 100;

    private static final String COLUMNS = "id, unit, month, category, title, goal, opened_by, opened_at, closed_by, "
            + "closed_at, summary";

    private final Sql sql;
    private final String schema;

    Topics(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.schema = database.schema();
    }

    /** False when the unit has a topic for that month already. */
    public boolean add(Topic t) {
        return sql.update("INSERT INTO " + schema + ".monthly_topic (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                        + "NULL, NULL, NULL) ON CONFLICT (unit, month) DO NOTHING", t.id(), t.unit(), t.month(),
                t.category(), t.title(), t.goal(), t.openedBy(), t.openedAt()) == 1;
    }

    public Optional<Topic> find(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM " + schema + ".monthly_topic WHERE id = ?", Topics::topic, id);
    }

    /** Closes an open topic; false when it was closed already. */
    public boolean close(String id, String by, Instant at, String summary) {
        return sql.update("UPDATE " + schema + ".monthly_topic SET closed_by = ?, closed_at = ?, summary = ? "
                + "WHERE id = ? AND closed_at IS NULL", by, at, summary, id) == 1;
    }

    /** The topics of units under {@code unitPrefix} (a unit's own and its sub-units'), newest month first. */
    public List<Topic> under(String unitPrefix) {
        return sql.list("SELECT " + COLUMNS + " FROM " + schema + ".monthly_topic WHERE unit LIKE ? "
                + "ORDER BY month DESC, unit LIMIT 500", Topics::topic, unitPrefix + "%");
    }

    /** The topics of one month picked for units under {@code unitPrefix}. */
    public List<Topic> of(String unitPrefix, LocalDate month) {
        return sql.list("SELECT " + COLUMNS + " FROM " + schema + ".monthly_topic WHERE unit LIKE ? AND month = ? "
                + "ORDER BY unit", Topics::topic, unitPrefix + "%", month);
    }

    /** The topic's cases submitted from its month's first day to {@code to} (the day it closed, or today). */
    public Progress progress(Topic t, LocalDate to) {
        return sql.one("SELECT count(*) FILTER (WHERE outcome IS DISTINCT FROM 'MERGED'), "
                + "count(*) FILTER (WHERE outcome = 'MERGED'), "
                + "count(*) FILTER (WHERE closed_at IS NOT NULL AND outcome IS DISTINCT FROM 'MERGED'), "
                + "count(*) FILTER (WHERE outcome = 'RESOLVED'), count(rating), count(*) FILTER (WHERE rating >= 3) "
                + "FROM " + schema + ".case_fact WHERE " + scope(), r -> new Progress(r.getLong(1), r.getLong(2),
                r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)), scopeArgs(t, to)).orElseThrow();
    }

    /** The topic's open cases, oldest first. */
    public List<OpenCase> open(Topic t, LocalDate to) {
        return sql.list("SELECT request_id, grid_code, submitted_at, due_at FROM " + schema + ".case_fact WHERE "
                        + scope() + " AND closed_at IS NULL AND outcome IS DISTINCT FROM 'MERGED' "
                        + "ORDER BY submitted_at, request_id LIMIT " + OPEN_LIMIT,
                r -> new OpenCase(r.getString(1), r.getString(2), Sql.instant(r, "submitted_at"),
                        Sql.instant(r, "due_at")), scopeArgs(t, to));
    }

    /** Reports of the topic's category in its unit per month from {@code from} to {@code to}. */
    public List<MonthCount> months(Topic t, LocalDate from, LocalDate to) {
        return sql.list("SELECT to_char(day, 'YYYY-MM'), sum(cases) FROM " + schema + ".category_day "
                        + "WHERE grid_code LIKE ? AND category = ? AND day BETWEEN ? AND ? GROUP BY 1 "
                        + "HAVING sum(cases) <> 0 ORDER BY 1", r -> new MonthCount(r.getString(1), r.getLong(2)),
                UnitScope.prefixOf(t.unit()) + "%", t.category(), from, to);
    }

    private static String scope() {
        return "grid_code LIKE ? AND category = ? AND day BETWEEN ? AND ? AND outcome IS DISTINCT FROM 'REJECTED'";
    }

    private static Object[] scopeArgs(Topic t, LocalDate to) {
        return new Object[]{UnitScope.prefixOf(t.unit()) + "%", t.category(), t.month(), to};
    }

    private static Topic topic(java.sql.ResultSet r) throws java.sql.SQLException {
        return new Topic(r.getString("id"), r.getString("unit"), r.getObject("month", LocalDate.class),
                r.getString("category"), r.getString("title"), r.getString("goal"), r.getString("opened_by"),
                Sql.instant(r, "opened_at"), r.getString("closed_by"), Sql.instant(r, "closed_at"),
                r.getString("summary"));
    }
}
