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
 * (from the per grid, day, category and source counts, {@code category_day}), and the places where one kind keeps
 * being reported (from the case facts: closed cases count as much as open ones, since a problem that comes back
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
        LocalDate since = previousFrom == null ? from : previousFrom;
        String sql = "SELECT grid_code, category, sum(cases) FILTER (WHERE day >= :from) AS n, "
                + "sum(cases) FILTER (WHERE day < :from) AS p, "
                + "sum(cases) FILTER (WHERE day >= :from AND source = 'resident'), "
                + "sum(cases) FILTER (WHERE day >= :from AND source = 'patrol'), "
                + "sum(cases) FILTER (WHERE day >= :from AND source = 'open311'), "
                + "sum(cases) FILTER (WHERE day >= :from AND source = 'proactive') FROM " + schema + ".category_day "
                + "WHERE grid_code LIKE :unit AND day BETWEEN :since AND :to GROUP BY 1, 2 "
                + "HAVING sum(cases) FILTER (WHERE day >= :from) > 0 ORDER BY n DESC, 1, 2 LIMIT " + LIMIT;
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("unit", unitPrefix + "%").setParameter("from", from).setParameter("to", to)
                .setParameter("since", since).getResultList()).map(rows -> rows.stream().map(r -> new CategoryCount(
                (String) r[0], (String) r[1], count(r[2]), previousFrom == null ? null : count(r[3]), count(r[4]),
                count(r[5]), count(r[6]), count(r[7]))).toList());
    }

    /** Reports per month and category under the unit, from {@code from} (a month's first day) to {@code to}. */
    @WithSession
    public Uni<List<MonthCount>> months(String unitPrefix, LocalDate from, LocalDate to) {
        String sql = "SELECT to_char(day, 'YYYY-MM') AS m, category, sum(cases) FROM " + schema + ".category_day "
                + "WHERE grid_code LIKE :unit AND day BETWEEN :from AND :to GROUP BY 1, 2 HAVING sum(cases) <> 0 "
                + "ORDER BY 1, 2"; // a report re-categorised leaves its old category's row at 0
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("unit", unitPrefix + "%").setParameter("from", from).setParameter("to", to)
                .getResultList()).map(rows -> rows.stream().map(r -> new MonthCount((String) r[0], (String) r[1],
                count(r[2]))).toList());
    }

    /**
     * Places under the unit where one category was reported at least {@code min} times from {@code since} to
     * {@code until}
     * (rejected reports left out, merged duplicates and closed cases counted), most reported first; at most
     * {@value #LIMIT}.
     */
    @WithSession
    public Uni<List<RepeatedPlace>> repeated(String unitPrefix, LocalDate since, LocalDate until, int min) {
        String sql = "SELECT c.place_key, c.category, mode() WITHIN GROUP (ORDER BY c.grid_code), count(*), "
                + "count(c.closed_at), min(c.submitted_at), max(c.submitted_at), "
                + "array_to_string((array_agg(c.request_id ORDER BY c.submitted_at DESC, c.request_id))[1:"
                + CASES_PER_PLACE + "], ',') "
                + "FROM " + schema + ".case_fact c WHERE c.grid_code LIKE :unit AND c.day BETWEEN :since AND :until "
                + "AND c.place_key IS NOT NULL AND c.category IS NOT NULL AND c.source IS DISTINCT FROM 'proactive' "
                + "AND c.outcome IS DISTINCT FROM 'REJECTED' GROUP BY 1, 2 HAVING count(*) >= :min "
                + "ORDER BY 4 DESC, 7 DESC LIMIT " + LIMIT;
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("unit", unitPrefix + "%").setParameter("since", since).setParameter("until", until).setParameter("min", min)
                .getResultList().chain(rows -> {
                    List<String> ids = rows.stream().flatMap(r -> strings(r[7]).stream()).toList();
                    Uni<List<Object[]>> links = ids.isEmpty() ? Uni.createFrom().item(List.of())
                            : s.createNativeQuery("SELECT request_id, proactive_request_id FROM " + schema
                            + ".case_link WHERE request_id IN (:ids) ORDER BY 2", Object[].class)
                            .setParameter("ids", ids).getResultList();
                    return links.map(found -> rows.stream().map(r -> place(r, found)).toList());
                }));
    }

    /** A place's row with the proactive cases opened over any of its cases. */
    private static RepeatedPlace place(Object[] r, List<Object[]> links) {
        String key = (String) r[0];
        double[] centre = PlaceKey.centre(key);
        List<String> cases = strings(r[7]);
        List<String> proactive = links.stream().filter(l -> cases.contains((String) l[0])).map(l -> (String) l[1])
                .distinct().toList();
        return new RepeatedPlace(key, centre[0], centre[1], (String) r[1], (String) r[2], count(r[3]), count(r[4]),
                AuditQueries.instant(r[5]), AuditQueries.instant(r[6]), cases, proactive);
    }

    private static long count(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    /** Request ids joined with commas (they hold none: see the request id's format). */
    private static List<String> strings(Object o) {
        return o == null || o.toString().isEmpty() ? List.of() : Arrays.asList(o.toString().split(","));
    }
}
