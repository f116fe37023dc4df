package org.gridloop.escalation.evaluation;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

/** Computes the figures of a unit and period from the indexed fact tables. */
@ApplicationScoped
public class Evaluation {

    @ConfigProperty(name = "gridloop.schema")
    String schema;

    /** One figure: value = numerator / denominator (4 decimals; null when nothing to count), with its formula. */
    public record Figure(String figure, String label, BigDecimal value, long numerator, Long denominator,
                         String formula) {
    }

    /** Cycle time of a stage over the cases that went through it; durations ISO-8601, also in seconds. */
    public record CycleTime(String stage, String label, String definition, long cases, String p50, String p90,
                            String max, Double p50Seconds, Double p90Seconds, Double maxSeconds) {
    }

    public record Figures(String unit, String level, LocalDate from, LocalDate to, List<Figure> figures,
                          List<CycleTime> cycleTimes) {
    }

    /** A unit's figures in a ranking. */
    public record Ranked(int rank, String unit, List<Figure> figures) {
    }

    public Uni<Figures> figures(UnitFilter filter) {
        return Panache.getSession().chain(session -> counts(session, filter, Kpi.Source.CASES)
                .chain(cases -> counts(session, filter, Kpi.Source.DISPATCHES).map(d -> merge(cases, d)))
                .chain(sofar -> counts(session, filter, Kpi.Source.ESCALATIONS).map(e -> merge(sofar, e)))
                .chain(all -> cycleTimes(session, filter).map(cycles -> new Figures(filter.unit(), filter.level(),
                        filter.from(), filter.to(), Arrays.stream(Kpi.values()).map(all::get).toList(), cycles))));
    }

    /**
     * The units one level under (or at) {@code level} within {@code prefixUnit}, ranked by satisfaction, then
     * on-time closing, then resolution (higher first; units without ratings last).
     */
    public Uni<List<Ranked>> ranking(String scopePrefix, int codeLength, LocalDate from, LocalDate to) {
        String select = Arrays.stream(Kpi.values()).filter(k -> k.source() == Kpi.Source.CASES)
                .map(k -> k.numeratorSql() + ", " + k.denominatorSql()).reduce((a, b) -> a + ", " + b).orElseThrow();
        String sql = "SELECT left(grid_code, " + codeLength + ") AS u, " + select + " FROM " + schema
                + ".case_fact c WHERE grid_code LIKE :unit AND length(grid_code) >= " + codeLength
                + " AND day BETWEEN :from AND :to GROUP BY u";
        List<Kpi> kpis = Arrays.stream(Kpi.values()).filter(k -> k.source() == Kpi.Source.CASES).toList();
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("unit", scopePrefix + "%").setParameter("from", from).setParameter("to", to)
                .getResultList()).map(rows -> {
                    List<Ranked> units = new ArrayList<>();
                    for (Object[] row : rows) {
                        List<Figure> figures = new ArrayList<>();
                        for (int i = 0; i < kpis.size(); i++) {
                            figures.add(figure(kpis.get(i), number(row[1 + 2 * i]), number(row[2 + 2 * i])));
                        }
                        units.add(new Ranked(0, (String) row[0], figures));
                    }
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

    private static BigDecimal value(Ranked r, Kpi kpi) {
        return r.figures().stream().filter(f -> f.figure().equals(kpi.name())).findFirst().map(Figure::value)
                .orElse(null);
    }

    private Uni<Map<Kpi, Figure>> counts(Mutiny.Session session, UnitFilter filter, Kpi.Source source) {
        List<Kpi> kpis = Arrays.stream(Kpi.values()).filter(k -> k.source() == source).toList();
        String table = switch (source) {
            case CASES -> "case_fact";
            case DISPATCHES -> "dispatch_fact";
            case ESCALATIONS -> "escalation_fact";
        };
        String select = kpis.stream().map(k -> k.numeratorSql() + ", " + k.denominatorSql())
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        String sql = "SELECT " + select + " FROM " + schema + "." + table + " c WHERE " + filter.where(source, schema);
        return session.createNativeQuery(sql, Object[].class)
                .setParameter("unit", filter.unitParameter())
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
        return session.createNativeQuery(sql, Object[].class)
                .setParameter("unit", filter.unitParameter())
                .setParameter("from", filter.from())
                .setParameter("to", filter.to())
                .getResultList()
                .map(rows -> {
                    Map<String, Object[]> byStage = new LinkedHashMap<>();
                    rows.forEach(r -> byStage.put((String) r[0], r));
                    List<CycleTime> cycles = new ArrayList<>();
                    for (CycleStage stage : CycleStage.values()) {
                        Object[] r = byStage.get(stage.name());
                        if (r == null) {
                            cycles.add(new CycleTime(stage.name(), stage.label(), stage.definition(), 0, null, null,
                                    null, null, null, null));
                        } else {
                            double p50 = ((Number) r[2]).doubleValue();
                            double p90 = ((Number) r[3]).doubleValue();
                            double max = ((Number) r[4]).doubleValue();
                            cycles.add(new CycleTime(stage.name(), stage.label(), stage.definition(),
                                    ((Number) r[1]).longValue(), iso(p50), iso(p90), iso(max), p50, p90, max));
                        }
                    }
                    return cycles;
                });
    }

    static Figure figure(Kpi kpi, Long numerator, Long denominator) {
        long num = numerator == null ? 0 : numerator;
        BigDecimal value = kpi.isCount() ? BigDecimal.valueOf(num)
                : denominator == null || denominator == 0 ? null
                : BigDecimal.valueOf(num).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
        return new Figure(kpi.name(), kpi.label(), value, num, kpi.isCount() ? null : denominator, kpi.formula());
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
