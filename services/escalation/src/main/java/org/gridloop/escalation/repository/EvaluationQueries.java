package org.gridloop.escalation.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.escalation.domain.CycleStage;
import org.gridloop.escalation.domain.Histogram;
import org.gridloop.escalation.domain.Kpi;
import org.gridloop.platform.db.DatabaseConfig;
import org.hibernate.reactive.mutiny.Mutiny;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The evaluation's queries (Hibernate Reactive, reads only): the figures of a unit and period — an area unit from the
 * roll-ups per unit and period, a department within a street, a district or the city from its own roll-ups, within a
 * community or a grid from the facts — and the rankings.
 */
@ApplicationScoped
public class EvaluationQueries {

    private final String schema;

    EvaluationQueries(DatabaseConfig database) {
        this.schema = database.schema();
    }

    /**
     * One figure: value = numerator / denominator (4 decimals; null when nothing to count). {@code figure} is the
     * code ({@link Kpi}) the pages word the figure's name and formula by ({@code kpi.<code>}, {@code formula.<code>}).
     */
    public record Figure(String figure, String label, BigDecimal value, long numerator, Long denominator) {
    }

    /**
     * Cycle time of a stage over the cases that went through it; durations ISO-8601, also in seconds. {@code stage}
     * is the code ({@link CycleStage}) the pages word the stage's name and definition by ({@code cycle.<code>},
     * {@code cycleDef.<code>}).
     */
    public record CycleTime(String stage, String label, long cases, String p50, String p90,
                            String max, Double p50Seconds, Double p90Seconds, Double maxSeconds) {
    }

    public record Figures(String unit, String level, LocalDate from, LocalDate to, List<Figure> figures,
                          List<CycleTime> cycleTimes) {
    }

    /** A unit's figures in a ranking. */
    public record Ranked(int rank, String unit, List<Figure> figures) {
    }

    /**
     * An area unit's figures are read from the roll-ups per unit and period ({@link Aggregates}, {@link Spans}); a
     * department's within a street, a district or the city from the department roll-ups, within a community or a
     * grid from the fact rows of the cases it was called to.
     */
    @WithSession
    public Uni<Figures> figures(UnitFilter filter) {
        boolean facts = filter.department() && UnitFilter.departmentLevel(filter.area()) < 0;
        return Panache.getSession().chain(session -> {
            Uni<Map<Kpi, Figure>> figures = facts
                    ? counts(session, filter, Kpi.Source.CASES)
                    .chain(cases -> counts(session, filter, Kpi.Source.DISPATCHES).map(d -> merge(cases, d)))
                    .chain(sofar -> counts(session, filter, Kpi.Source.ESCALATIONS).map(e -> merge(sofar, e)))
                    : aggregatedCounts(session, filter);
            Uni<List<CycleTime>> cycles = facts ? cycleTimes(session, filter) : aggregatedCycleTimes(session, filter);
            return figures.chain(all -> cycles.map(c -> new Figures(filter.unit(), filter.level(), filter.from(),
                    filter.to(), Arrays.stream(Kpi.values()).map(all::get).toList(), c)));
        });
    }

    /**
     * The units one level under (or at) {@code level} within {@code prefixUnit}, ranked by satisfaction, then
     * on-time closing, then resolution (higher first; units without ratings last).
     */
    @WithSession
    public Uni<List<Ranked>> ranking(String scopePrefix, int codeLength, LocalDate from, LocalDate to) {
        List<Kpi> kpis = Kpi.Source.CASES.figures();
        // a level above the caller's unit: that unit's figures, under the code of its unit at that level
        int length = Math.max(codeLength, scopePrefix.length());
        String sql = "SELECT left(u, " + codeLength + "), figure, sum(numerator), sum(denominator) FROM ("
                + Spans.rows(Rollup.KPI, schema, scopePrefix, length, from, to, 'Y') + ") c WHERE figure IN (" + kpis.stream()
                .map(k -> "'" + k.name() + "'").reduce((a, b) -> a + ", " + b).orElseThrow() + ") GROUP BY 1, figure";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .getResultList()).map(rows -> {
                    Map<String, Map<Kpi, Object[]>> byUnit = new TreeMap<>();
                    for (Object[] row : rows) {
                        byUnit.computeIfAbsent((String) row[0], u -> new EnumMap<>(Kpi.class))
                                .put(Kpi.valueOf((String) row[1]), row);
                    }
                    List<Ranked> units = new ArrayList<>();
                    byUnit.forEach((unit, sums) -> {
                        List<Figure> figures = new ArrayList<>();
                        for (Kpi kpi : kpis) {
                            figures.add(summed(kpi, sums.get(kpi), 2));
                        }
                        units.add(new Ranked(0, unit, figures));
                    });
                    Comparator<Ranked> order = Comparator.comparing((Ranked r) -> value(r, Kpi.SATISFACTION),
                                    Comparator.nullsLast(Comparator.reverseOrder()))
                            .thenComparing(r -> value(r, Kpi.ON_TIME), Comparator.nullsLast(Comparator.reverseOrder()))
                            .thenComparing(r -> value(r, Kpi.RESOLUTION),
                                    Comparator.nullsLast(Comparator.reverseOrder()))
                            .thenComparing(Ranked::unit);
                    units.sort(order);
                    List<Ranked> ranked = new ArrayList<>();
                    for (int i = 0; i < units.size(); i++) {
                        ranked.add(new Ranked(i + 1, units.get(i).unit(), units.get(i).figures()));
                    }
                    return ranked;
                });
    }

    /**
     * The departments called for the cases of an area (a grid-code prefix; "" for the whole city) in a period (the
     * day called), each with its figures over those calls ({@link Kpi.Source#DISPATCHES}: RESPONSE and the DEPT_
     * figures), ranked by {@link #DEPARTMENT_ORDER}.
     */
    @WithSession
    public Uni<List<Ranked>> departmentRanking(String area, LocalDate from, LocalDate to) {
        if (!area.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("area must be a grid-code prefix");
        }
        List<Kpi> kpis = Kpi.Source.DISPATCHES.figures();
        int level = UnitFilter.departmentLevel(area);
        // rows of department, figure, numerator, denominator: from the roll-ups, or a small area's facts
        String sql = level >= 0
                ? "SELECT department, figure, sum(numerator), sum(denominator) FROM (" + Spans.rows(Rollup.DEPT_KPI,
                schema, area, level, from, to, 'Y') + ") c WHERE figure IN (" + kpis.stream()
                .map(k -> "'" + k.name() + "'").collect(java.util.stream.Collectors.joining(", "))
                + ") GROUP BY 1, 2"
                : "SELECT c.department, v.figure, sum(v.n), sum(v.d) FROM " + schema + ".dispatch_fact c CROSS JOIN "
                + "LATERAL " + Aggregates.contributions(Kpi.Source.DISPATCHES) + " WHERE "
                + UnitFilter.under("c.grid_code", area) + " AND c.day BETWEEN '" + from + "' AND '" + to + "' "
                + "GROUP BY 1, 2";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .getResultList()).map(rows -> {
                    Map<String, Map<Kpi, Object[]>> byDepartment = new TreeMap<>();
                    for (Object[] row : rows) {
                        byDepartment.computeIfAbsent((String) row[0], u -> new EnumMap<>(Kpi.class))
                                .put(Kpi.valueOf((String) row[1]), row);
                    }
                    List<Ranked> departments = new ArrayList<>();
                    byDepartment.forEach((department, sums) -> {
                        Figure calls = summed(Kpi.RESPONSE, sums.get(Kpi.RESPONSE), 2);
                        // called in the area and period (roll-up rows netted to nothing are no calls)
                        if (calls.denominator() != null && calls.denominator() > 0) {
                            departments.add(new Ranked(0, department, kpis.stream()
                                    .map(k -> summed(k, sums.get(k), 2)).toList()));
                        }
                    });
                    departments.sort(DEPARTMENT_ORDER);
                    List<Ranked> ranked = new ArrayList<>();
                    for (int i = 0; i < departments.size(); i++) {
                        ranked.add(new Ranked(i + 1, departments.get(i).unit(), departments.get(i).figures()));
                    }
                    return ranked;
                });
    }

    /**
     * How departments are ranked: by the callers' ratings of their results (DEPT_RESULT), then of their attitude
     * (DEPT_ATTITUDE), then reporting in on time (RESPONSE), higher first; then fewer failed verifications
     * (DEPT_VERIFICATION_FAILED) and fewer reopened rounds (DEPT_REOPENED); a figure with nothing to count ranks
     * last; ties by department code.
     */
    public static final Comparator<Ranked> DEPARTMENT_ORDER = Comparator
            .comparing((Ranked r) -> value(r, Kpi.DEPT_RESULT), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(r -> value(r, Kpi.DEPT_ATTITUDE), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(r -> value(r, Kpi.RESPONSE), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(r -> value(r, Kpi.DEPT_VERIFICATION_FAILED), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(r -> value(r, Kpi.DEPT_REOPENED), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Ranked::unit);

    /**
     * A department called into a round of a case, as the caller who rates it sees it: when it was called, whether it
     * reported in on time, its answer, what counted against its round, and the caller's rating if there is one.
     */
    public record Call(int round, String department, String gridCode, java.time.Instant calledAt,
                       java.time.Instant reportInDue, java.time.Instant reportedInAt, Boolean reportedInOnTime,
                       java.time.Instant resolveDue, java.time.Instant answeredAt, String result,
                       boolean verificationFailed, boolean reopened, Rating rating) {
    }

    /** The caller's rating of a call (街道对职能部门的评价). */
    public record Rating(int attitude, int result, String note, String ratedBy, String raterRole,
                         java.time.Instant ratedAt) {
    }

    /** The departments called into a case, round by round, with the callers' ratings. */
    @WithSession
    public Uni<List<Call>> calls(String requestId) {
        String sql = "SELECT d.round, d.department, COALESCE(d.grid_code, c.grid_code), d.called_at, d.report_in_due, "
                + "d.reported_in_at, d.resolve_due, d.answered_at, d.result, d.verification_failed, d.reopened, "
                + "r.attitude, r.result, r.note, r.rated_by, r.rater_role, r.rated_at FROM " + schema
                + ".dispatch_fact d LEFT JOIN " + schema + ".case_fact c ON c.request_id = d.request_id LEFT JOIN "
                + schema + ".department_rating r ON r.request_id = d.request_id AND r.round = d.round "
                + "AND r.department = d.department WHERE d.request_id = :id ORDER BY d.round, d.department";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("id", requestId).getResultList()).map(rows -> rows.stream().map(r -> {
                    java.time.Instant reportInDue = instant(r[4]);
                    java.time.Instant reportedInAt = instant(r[5]);
                    Rating rating = r[11] == null ? null : new Rating(((Number) r[11]).intValue(),
                            ((Number) r[12]).intValue(), (String) r[13], (String) r[14], (String) r[15],
                            instant(r[16]));
                    return new Call(((Number) r[0]).intValue(), (String) r[1], (String) r[2], instant(r[3]),
                            reportInDue, reportedInAt,
                            reportInDue == null ? null : reportedInAt != null && !reportedInAt.isAfter(reportInDue),
                            instant(r[6]), instant(r[7]), (String) r[8], Boolean.TRUE.equals(r[9]),
                            Boolean.TRUE.equals(r[10]), rating);
                }).toList());
    }

    private static java.time.Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof java.time.Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.LocalDateTime t) {
            return t.toInstant(java.time.ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a time: " + o.getClass());
    }

    private static BigDecimal value(Ranked r, Kpi kpi) {
        return r.figures().stream().filter(f -> f.figure().equals(kpi.name())).findFirst().map(Figure::value)
                .orElse(null);
    }

    /** Every figure of an area unit from the roll-ups ({@link Spans}): one grouped read. */
    private Uni<Map<Kpi, Figure>> aggregatedCounts(Mutiny.Session session, UnitFilter filter) {
        return rolledUp(session, filter, Rollup.KPI, "figure, sum(numerator), sum(denominator)",
                "GROUP BY figure").map(rows -> {
            Map<String, Object[]> byFigure = new LinkedHashMap<>();
            rows.forEach(r -> byFigure.put((String) r[0], r));
            Map<Kpi, Figure> figures = new EnumMap<>(Kpi.class);
            for (Kpi kpi : Kpi.values()) {
                figures.put(kpi, summed(kpi, byFigure.get(kpi.name()), 1));
            }
            return figures;
        });
    }

    /** An area unit's cycle times from the histograms rolled up per unit and period ({@link Spans}). */
    private Uni<List<CycleTime>> aggregatedCycleTimes(Mutiny.Session session, UnitFilter filter) {
        return rolledUp(session, filter, Rollup.CYCLE, "stage, bucket, sum(cases), sum(seconds), max(max_seconds)",
                "GROUP BY stage, bucket HAVING sum(cases) > 0 ORDER BY stage, bucket").map(rows -> {
            Map<String, List<Histogram.Bucket>> byStage = new LinkedHashMap<>();
            for (Object[] r : rows) {
                byStage.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new Histogram.Bucket(
                        ((Number) r[2]).longValue(), ((Number) r[3]).doubleValue(),
                        r[4] == null ? null : ((Number) r[4]).doubleValue()));
            }
            List<CycleTime> cycles = new ArrayList<>();
            for (CycleStage stage : CycleStage.values()) {
                Histogram h = new Histogram(byStage.getOrDefault(stage.name(), List.of()));
                cycles.add(h.cases() == 0 ? cycleTime(stage, 0, 0, 0, 0)
                        : cycleTime(stage, h.cases(), h.percentile(0.5), h.percentile(0.9), h.max()));
            }
            return cycles;
        });
    }

    private Uni<Map<Kpi, Figure>> counts(Mutiny.Session session, UnitFilter filter, Kpi.Source source) {
        List<Kpi> kpis = source.figures();
        String table = source.table();
        String select = kpis.stream().map(k -> k.numeratorSql() + ", " + k.denominatorSql())
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        String sql = "SELECT " + select + " FROM " + schema + "." + table + " c WHERE " + filter.where(source, schema);
        return session.createNativeQuery(sql, Object[].class)
                .setParameter("unit", filter.unit())
                .setParameter("from", filter.from())
                .setParameter("to", filter.to())
                .getSingleResult()
                .map(row -> {
                    Map<Kpi, Figure> figures = new EnumMap<>(Kpi.class);
                    for (int i = 0; i < kpis.size(); i++) {
                        figures.put(kpis.get(i), figure(kpis.get(i), number(row[2 * i]), number(row[2 * i + 1])));
                    }
                    return figures;
                });
    }

    private Uni<List<CycleTime>> cycleTimes(Mutiny.Session session, UnitFilter filter) {
        String values = Arrays.stream(CycleStage.values())
                .map(s -> "('" + s.name() + "', " + s.secondsSql() + ")")
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        String sql = "SELECT s.stage, count(s.secs), percentile_cont(0.5) WITHIN GROUP (ORDER BY s.secs), "
                + "percentile_cont(0.9) WITHIN GROUP (ORDER BY s.secs), max(s.secs) FROM " + schema
                + ".case_fact c CROSS JOIN LATERAL (VALUES " + values + ") AS s(stage, secs) WHERE "
                + filter.where(Kpi.Source.CASES, schema) + " AND s.secs IS NOT NULL GROUP BY s.stage";
        return rows(session, sql, filter).map(rows -> {
            Map<String, Object[]> byStage = new LinkedHashMap<>();
            rows.forEach(r -> byStage.put((String) r[0], r));
            List<CycleTime> cycles = new ArrayList<>();
            for (CycleStage stage : CycleStage.values()) {
                Object[] r = byStage.get(stage.name());
                cycles.add(r == null ? cycleTime(stage, 0, 0, 0, 0) : cycleTime(stage,
                        ((Number) r[1]).longValue(), ((Number) r[2]).doubleValue(),
                        ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue()));
            }
            return cycles;
        });
    }

    /**
     * {@code SELECT select FROM} an area unit's rows of {@code r} over the period of {@code filter} ({@link Spans})
     * {@code tail}; no rows when the unit and the filter's area do not meet. A department's rows (within a street, a
     * district or the city) are those of {@code r}'s department twin, within the filter's area.
     */
    private Uni<List<Object[]>> rolledUp(Mutiny.Session session, UnitFilter filter, Rollup r, String select,
                                         String tail) {
        if (filter.department()) {
            Rollup twin = r == Rollup.KPI ? Rollup.DEPT_KPI : Rollup.DEPT_CYCLE;
            // the code is checked by UnitFilter: lower-case letters, digits and '-'
            return session.createNativeQuery("SELECT " + select + " FROM (" + Spans.rows(twin, schema, filter.area(),
                    UnitFilter.departmentLevel(filter.area()), filter.from(), filter.to(), 'Y') + ") c WHERE "
                    + "c.department = '" + filter.unit() + "' " + tail, Object[].class).getResultList();
        }
        String scope = filter.scope();
        return scope == null ? Uni.createFrom().item(List.of())
                : session.createNativeQuery("SELECT " + select + " FROM (" + Spans.rows(r, schema, scope,
                scope.length(), filter.from(), filter.to(), 'Y') + ") c " + tail, Object[].class).getResultList();
    }

    /** The rows of a query over a department and the period of {@code filter}. */
    private static Uni<List<Object[]>> rows(Mutiny.Session session, String sql, UnitFilter filter) {
        return session.createNativeQuery(sql, Object[].class)
                .setParameter("unit", filter.unit())
                .setParameter("from", filter.from())
                .setParameter("to", filter.to())
                .getResultList();
    }

    /** A stage's cycle time over {@code cases} cases (none: no durations). */
    private static CycleTime cycleTime(CycleStage stage, long cases, double p50, double p90, double max) {
        return cases == 0
                ? new CycleTime(stage.name(), stage.label(), 0, null, null, null, null, null, null)
                : new CycleTime(stage.name(), stage.label(), cases, iso(p50), iso(p90), iso(max),
                p50, p90, max);
    }

    /** A figure from a {@code kpi_day} sum row: numerator at {@code at}, denominator next; no row counts nothing. */
    private static Figure summed(Kpi kpi, Object[] row, int at) {
        return row == null ? figure(kpi, 0L, 0L) : figure(kpi, number(row[at]), number(row[at + 1]));
    }

    static Figure figure(Kpi kpi, Long numerator, Long denominator) {
        long num = numerator == null ? 0 : numerator;
        BigDecimal value = kpi.isCount() ? BigDecimal.valueOf(num)
                : denominator == null || denominator == 0 ? null
                : BigDecimal.valueOf(num).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
        return new Figure(kpi.name(), kpi.label(), value, num, kpi.isCount() ? null : denominator);
    }

    private static Long number(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    static String iso(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000)).toString();
    }

    private static <K, V> Map<K, V> merge(Map<K, V> a, Map<K, V> b) {
        Map<K, V> all = new LinkedHashMap<>(a);
        all.putAll(b);
        return all;
    }
}
