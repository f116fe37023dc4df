package org.gridloop.escalation.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The monthly reports as issued ({@code monthly_report}: what each said, as JSON) and the month-end runs that
 * finished ({@code monthly_report_run}).
 */
@ApplicationScoped
public class Reports {

    /** A report as listed: who it is for, which month, when and how it was issued. */
    public record Issued(String id, String unit, LocalDate month, String issued, String generatedBy,
                         Instant generatedAt) {
    }

    /** A report with what it says (the JSON of {@code MonthlyReports.Content}). */
    public record Stored(Issued issued, String content) {
    }

    public static final String SCHEDULED = "scheduled";
    public static final String ON_DEMAND = "on-demand";
    public static final int LIST_LIMIT = 500;

    private static final String COLUMNS = "id, unit, month, issued, generated_by, generated_at";

    private final Sql sql;
    private final String schema;

    Reports(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.schema = database.schema();
    }

    /** Stores a report; false when it is a scheduled one and the unit's month was issued already. */
    public boolean add(Issued r, String content) {
        return sql.update("INSERT INTO " + schema + ".monthly_report (" + COLUMNS + ", content) VALUES (?, ?, ?, ?, "
                        + "?, ?, CAST(? AS jsonb)) ON CONFLICT (unit, month) WHERE issued = 'scheduled' DO NOTHING",
                r.id(), r.unit(), r.month(), r.issued(), r.generatedBy(), r.generatedAt(), content) == 1;
    }

    public Optional<Stored> find(String id) {
        return sql.one("SELECT " + COLUMNS + ", content::text FROM " + schema + ".monthly_report WHERE id = ?",
                r -> new Stored(issued(r), r.getString("content")), id);
    }

    /**
     * The reports of units under {@code unitPrefix} (of one month, when {@code month} is not null), newest month
     * first, then newest issued first.
     */
    public List<Issued> under(String unitPrefix, LocalDate month) {
        return sql.list("SELECT " + COLUMNS + " FROM " + schema + ".monthly_report WHERE unit LIKE ? "
                        + (month == null ? "" : "AND month = ? ") + "ORDER BY month DESC, generated_at DESC, unit LIMIT "
                        + LIST_LIMIT, Reports::issued,
                month == null ? new Object[]{unitPrefix + "%"} : new Object[]{unitPrefix + "%", month});
    }

    public boolean scheduled(String unit, LocalDate month) {
        return sql.one("SELECT 1 FROM " + schema + ".monthly_report WHERE unit = ? AND month = ? AND issued = '"
                + SCHEDULED + "'", r -> true, unit, month).isPresent();
    }

    /**
     * Leases the month-end run of {@code month} to {@code instance} until {@code until}: true when the run has not
     * finished and nobody else holds a lease that has not run out.
     */
    public boolean lease(LocalDate month, String instance, Instant now, Instant until) {
        return sql.update("INSERT INTO " + schema + ".monthly_report_run (month, claimed_by, lease_until) "
                + "VALUES (?, ?, ?) ON CONFLICT (month) DO UPDATE SET claimed_by = EXCLUDED.claimed_by, "
                + "lease_until = EXCLUDED.lease_until WHERE monthly_report_run.finished_at IS NULL "
                + "AND (monthly_report_run.lease_until < ? OR monthly_report_run.claimed_by = EXCLUDED.claimed_by)",
                month, instance, until, now) == 1;
    }

    /** Ends a leased run: finished when no unit failed, else the lease is given up so the next look retries. */
    public void runDone(LocalDate month, String instance, int units, int failed, Instant at) {
        sql.update("UPDATE " + schema + ".monthly_report_run SET units = ?, failed = ?, finished_at = ?, "
                + "lease_until = ? WHERE month = ? AND claimed_by = ?", units, failed, failed == 0 ? at : null, at,
                month, instance);
    }

    /**
     * The streets, districts and cities with reports filed in {@code from..to} (from the report counts per grid and
     * day), in code order.
     */
    public List<String> activeUnits(LocalDate from, LocalDate to) {
        return sql.list("SELECT DISTINCT u FROM " + schema + ".category_day c CROSS JOIN LATERAL (VALUES "
                        + "(left(c.grid_code, 9)), (left(c.grid_code, 6)), (left(c.grid_code, 4) || '00')) AS l(u) "
                        + "WHERE c.day BETWEEN ? AND ? AND c.cases > 0 AND length(c.grid_code) = 15 ORDER BY u",
                r -> r.getString(1), from, to);
    }

    private static Issued issued(java.sql.ResultSet r) throws java.sql.SQLException {
        return new Issued(r.getString("id"), r.getString("unit"), r.getObject("month", LocalDate.class),
                r.getString("issued"), r.getString("generated_by"), Sql.instant(r, "generated_at"));
    }
}
