package org.gridloop.escalation.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.escalation.domain.PlaceKey;
import org.gridloop.platform.db.DatabaseConfig;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * 未诉先办's reads, each limited to a unit (a code prefix): how often each kind of problem is reported in each grid
 * (from the per unit and period roll-ups of the report counts per category and source, {@link Spans}), and the
 * places where one kind keeps being reported (from the case facts: closed cases count as much as open ones, since a problem that comes back
 * after its case closed is exactly what should be found).
 */
@ApplicationScoped
public class HotspotQueries {

    /** Reports of a category in a grid in the period, the period before of the same length, and by source. */
    public record CategoryCount(String gridCode, String category, long cases, Long previous, long resident,
                                long patrol, long open311, long proactive) {
    }

    /** A category's reports under the unit per month. */
    public record MonthCount(String month, String category, long cases) {
    }

    /**
     * One kind of problem reported again and again at one place: its cases (newest first, at most
     * {@value #CASES_PER_PLACE}), how many are closed, and the proactive cases opened over any of them.
     */
    public record RepeatedPlace(String placeKey, double latitude, double longitude, String category, String gridCode,
                                long cases, long closed, Instant first, Instant last, List<String> requestIds,
                                List<String> proactiveRequestIds) {
    }

    public static final int LIMIT = 100;
    static final int CASES_PER_PLACE = 50;

    private final String schema;

    HotspotQueries(DatabaseConfig database) {
        this.schema = database.schema();
    }

    /**
     * The (grid, category) pairs under the unit with the most reports in {@code from..to}, each with the count of
     * the period of the same length just before it ({@code previous}; null when the period is all time), most
     * reported first; at most {@value #LIMIT}.
     */
    @WithSession
    public Uni<List<CategoryCount>> counts(String unitPrefix, LocalDate from, LocalDate to, LocalDate previousFrom) {
        String periods = "SELECT true AS now, c.* FROM (" + Spans.rows(Rollup.CATEGORY, schema, unitPrefix, Rollup.GRID,
                from, to, 'Y') + ") c" + (previousFrom == null || !previousFrom.isBefore(from) ? ""
                : "\nUNION ALL\nSELECT false AS now, c.* FROM (" + Spans.rows(Rollup.CATEGORY, schema, unitPrefix,
                Rollup.GRID, previousFrom, from.minusDays(1), 'Y') + ") c");
        String sql = "SELECT u, category, sum(cases) FILTER (WHERE now) AS n, sum(cases) FILTER (WHERE NOT now), "
                + "sum(cases) FILTER (WHERE now AND source = 'resident'), "
                + "sum(cases) FILTER (WHERE now AND source = 'patrol'), "
                + "sum(cases) FILTER (WHERE now AND source = 'open311'), "
                + "sum(cases) FILTER (WHERE now AND source = 'proactive') FROM (" + periods + ") x GROUP BY 1, 2 "
                + "HAVING sum(cases) FILTER (WHERE now) > 0 ORDER BY n DESC, 1, 2 LIMIT " + LIMIT;
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class).getResultList())
                .map(rows -> rows.stream().map(r -> new CategoryCount((String) r[0], (String) r[1], count(r[2]),
                        previousFrom == null ? null : count(r[3]), count(r[4]), count(r[5]), count(r[6]),
                        count(r[7]))).toList());
    }

    /**
     * Reports per month and category under the unit (a unit's code prefix), from {@code from} (a month's first day)
     * to {@code to}, from the unit's month roll-ups.
     */
    @WithSession
    public Uni<List<MonthCount>> months(String unitPrefix, LocalDate from, LocalDate to) {
        String sql = "SELECT to_char(day, 'YYYY-MM') AS m, category, sum(cases) FROM (" + Spans.rows(Rollup.CATEGORY,
                schema, unitPrefix, unitPrefix.length(), from, to, 'M') + ") c GROUP BY 1, 2 HAVING sum(cases) <> 0 "
                + "ORDER BY 1, 2"; // a report re-categorised leaves its old category's row at 0
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class).getResultList())
                .map(rows -> rows.stream().map(r -> new MonthCount((String) r[0], (String) r[1], count(r[2])))
                        .toList());
    }

    /**
     * Places under the unit where one category was reported at least {@code min} times from {@code since} to
     * {@code until}
     * (rejected reports left out, merged duplicates and closed cases counted), most reported first; at most
     * {@value #LIMIT}.
     */
    @WithSession
    public Uni<List<RepeatedPlace>> repeated(String unitPrefix, LocalDate since, LocalDate until, int min) {
        return places(unitPrefix, since, until, min).chain(this::withLinks);
    }

    /**
     * One kind of problem reported again and again at one place, as counted from the facts (the proactive cases
     * opened over it are read with {@link #withLinks}, always fresh).
     */
    public record Place(String placeKey, String category, String gridCode, long cases, long closed, Instant first,
                        Instant last, List<String> requestIds) {
    }

    /** The places of {@link #repeated} without their proactive cases: the expensive part, over the facts. */
    @WithSession
    public Uni<List<Place>> places(String unitPrefix, LocalDate since, LocalDate until, int min) {
        String sql = "SELECT c.place_key, c.category, mode() WITHIN GROUP (ORDER BY c.grid_code), count(*), "
                + "count(c.closed_at), min(c.submitted_at), max(c.submitted_at), "
                + "array_to_string((array_agg(c.request_id ORDER BY c.submitted_at DESC, c.request_id))[1:"
                + CASES_PER_PLACE + "], ',') "
                + "FROM " + schema + ".case_fact c WHERE " + UnitFilter.under("c.grid_code", unitPrefix)
                + " AND c.day BETWEEN :since AND :until "
                + "AND c.place_key IS NOT NULL AND c.category IS NOT NULL AND c.source IS DISTINCT FROM 'proactive' "
                + "AND c.outcome IS DISTINCT FROM 'REJECTED' GROUP BY 1, 2 HAVING count(*) >= :min "
                + "ORDER BY 4 DESC, 7 DESC LIMIT " + LIMIT;
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("since", since).setParameter("until", until)
                .setParameter("min", min).getResultList()).map(rows -> rows.stream().map(r -> new Place((String) r[0],
                (String) r[1], (String) r[2], count(r[3]), count(r[4]), AuditQueries.instant(r[5]),
                AuditQueries.instant(r[6]), strings(r[7]))).toList());
    }

    /** The places with the proactive cases opened over any of their cases ({@code case_link}). */
    @WithSession
    public Uni<List<RepeatedPlace>> withLinks(List<Place> places) {
        List<String> ids = places.stream().flatMap(p -> p.requestIds().stream()).toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(places.stream().map(p -> place(p, List.of())).toList());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT request_id, proactive_request_id FROM "
                        + schema + ".case_link WHERE request_id IN (:ids) ORDER BY 2", Object[].class)
                .setParameter("ids", ids).getResultList()).map(found -> places.stream().map(p -> place(p, found))
                .toList());
    }

    /** A place's row with the proactive cases opened over any of its cases. */
    private static RepeatedPlace place(Place p, List<Object[]> links) {
        double[] centre = PlaceKey.centre(p.placeKey());
        List<String> proactive = links.stream().filter(l -> p.requestIds().contains((String) l[0]))
                .map(l -> (String) l[1]).distinct().toList();
        return new RepeatedPlace(p.placeKey(), centre[0], centre[1], p.category(), p.gridCode(), p.cases(),
                p.closed(), p.first(), p.last(), p.requestIds(), proactive);
    }

    private static long count(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    /** Request ids joined with commas (they hold none: see the request id's format). */
    private static List<String> strings(Object o) {
        return o == null || o.toString().isEmpty() ? List.of() : Arrays.asList(o.toString().split(","));
    }
}
