package org.gridloop.escalation.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.evaluation.Evaluation;
import org.gridloop.escalation.evaluation.UnitFilter;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** 督办 audit: overdue and escalated cases, unit rankings, CSV exports — all limited to the caller's unit. */
@Path("/api/audit")
@Tag(name = "Audit", description = "督办: overdue and escalated cases, rankings and exports under the caller's unit")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class AuditResource {

    @Inject
    UnitScope scope;

    @Inject
    Evaluation evaluation;

    @ConfigProperty(name = "gridloop.schema")
    String schema;

    public record OverdueCase(String requestId, String gridCode, String category, String status, Instant dueAt,
                              String overdueBy, boolean limitMissed) {
    }

    public record EscalatedCase(String escalationId, String requestId, String gridCode, String trigger,
                                String department, Instant raisedAt, String level, int lifts, String decision,
                                Instant endedAt, String endReason) {
    }

    public record Ranking(String level, LocalDate from, LocalDate to, List<Evaluation.Ranked> units) {
    }

    @GET
    @Path("overdue")
    @WithSession
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Overdue cases", description = "Open cases whose current due time passed before handling "
            + "finished, most overdue first.")
    public Uni<List<OverdueCase>> overdue() {
        String sql = "SELECT c.request_id, c.grid_code, f.category, f.status, c.due_at, c.limit_missed FROM " + schema
                + ".case_fact c LEFT JOIN " + schema + ".case_file f ON f.request_id = c.request_id "
                + "WHERE c.closed_at IS NULL AND c.due_at < now() AND (c.finished_at IS NULL OR c.finished_at > "
                + "c.due_at) AND c.grid_code LIKE :unit ORDER BY c.due_at LIMIT 1000";
        Instant now = Instant.now();
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("unit", scope.prefix() + "%").getResultList()).map(rows -> rows.stream().map(r -> {
                    Instant due = instant(r[4]);
                    return new OverdueCase((String) r[0], (String) r[1], (String) r[2], (String) r[3], due,
                            Duration.between(due, now).withNanos(0).toString(), Boolean.TRUE.equals(r[5]));
                }).toList());
    }

    @GET
    @Path("escalated")
    @WithSession
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Escalated cases", description = "Every escalation raised in the period (default all time) "
            + "for a case under the caller's unit, newest first: trigger, highest level reached, decision, end.")
    public Uni<List<EscalatedCase>> escalated(@QueryParam("period") String period, @QueryParam("from") String from,
                                              @QueryParam("to") String to) {
        Period p = Period.of(period, from, to);
        String sql = "SELECT escalation_id, request_id, grid_code, trigger_name, department, raised_at, level, lifts, "
                + "decision, ended_at, end_reason FROM " + schema + ".escalation_fact WHERE grid_code LIKE :unit "
                + "AND day BETWEEN :from AND :to ORDER BY raised_at DESC LIMIT 1000";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("unit", scope.prefix() + "%").setParameter("from", p.from())
                .setParameter("to", p.to()).getResultList()).map(rows -> rows.stream().map(r -> new EscalatedCase(
                (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], instant(r[5]),
                (String) r[6], ((Number) r[7]).intValue(), (String) r[8], instant(r[9]), (String) r[10])).toList());
    }

    @GET
    @Path("rankings")
    @WithSession
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unit rankings", description = "The units of a level (grid, community, street, district) "
            + "under the caller's unit, ranked by 满意率, then 按期结案率, then 解决率 for the period.")
    public Uni<Ranking> rankings(@QueryParam("level") String level, @QueryParam("period") String period,
                                 @QueryParam("from") String from, @QueryParam("to") String to) {
        Period p = Period.of(period, from, to);
        UnitCodes.Level l;
        try {
            l = UnitCodes.Level.valueOf(level == null ? "" : level.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badField("level", "grid, community, street or district");
        }
        int length = switch (l) {
            case GRID -> 15;
            case COMMUNITY -> 12;
            case STREET -> 9;
            case DISTRICT -> 6;
            case CITY -> throw ProblemException.badField("level", "grid, community, street or district");
        };
        return evaluation.ranking(scope.prefix(), length, p.from(), p.to())
                .map(units -> new Ranking(l.name(), p.from(), p.to(), units));
    }

    @GET
    @Path("cases.csv")
    @WithSession
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Cases as CSV", description = "The cases under the caller's unit (or the given unit under "
            + "it) submitted in the period, one row each, with due time, on-time flag, rating, rework and escalations.")
    public Uni<Response> casesCsv(@QueryParam("unit") String unit, @QueryParam("period") String period,
                                  @QueryParam("from") String from, @QueryParam("to") String to) {
        Period p = Period.of(period, from, to);
        String prefix = unit == null || unit.isBlank() ? scope.prefix() : areaPrefix(unit);
        String sql = "SELECT c.request_id, c.grid_code, c.day, f.category, f.status, c.outcome, c.submitted_at, "
                + "c.closed_at, c.due_at, c.finished_at, c.deferred, c.rating, c.rework_count, c.limit_missed, "
                + "(SELECT count(*) FROM " + schema + ".escalation_fact e WHERE e.request_id = c.request_id) FROM "
                + schema + ".case_fact c LEFT JOIN " + schema + ".case_file f ON f.request_id = c.request_id "
                + "WHERE c.grid_code LIKE :unit AND c.day BETWEEN :from AND :to ORDER BY c.day, c.request_id";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Object[].class)
                .setParameter("unit", prefix + "%").setParameter("from", p.from()).setParameter("to", p.to())
                .getResultList()).map(rows -> {
                    List<List<?>> lines = new ArrayList<>();
                    for (Object[] r : rows) {
                        Instant due = instant(r[8]);
                        Instant finished = instant(r[9]);
                        Boolean onTime = due == null || finished == null ? null : !finished.isAfter(due);
                        lines.add(List.of(r[0], r[1], r[2], nz(r[3]), nz(r[4]), nz(r[5]), nz(instant(r[6])),
                                nz(instant(r[7])), nz(due), nz(finished), nz(onTime), r[10], nz(r[11]), r[12], r[13],
                                r[14]).stream().map(v -> (Object) v).toList());
                    }
                    return csv("cases.csv", Csv.of(List.of("request_id", "grid_code", "day", "category", "status",
                            "outcome", "submitted_at", "closed_at", "due_at", "finished_at", "on_time", "deferred",
                            "rating", "rework_count", "limit_missed", "escalations"), lines));
                });
    }

    @GET
    @Path("kpis.csv")
    @WithSession
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Unit figures as CSV", description = "The figures (value, numerator, denominator, formula) "
            + "and cycle times of a unit (default the caller's) for the period.")
    public Uni<Response> kpisCsv(@QueryParam("unit") String unit, @QueryParam("period") String period,
                                 @QueryParam("from") String from, @QueryParam("to") String to) {
        UnitFilter filter = KpiResource.filter(scope, unit, Period.of(period, from, to));
        return evaluation.figures(filter).map(f -> {
            List<List<?>> lines = new ArrayList<>();
            for (Evaluation.Figure fig : f.figures()) {
                lines.add(java.util.Arrays.asList(f.unit(), f.level(), f.from(), f.to(), fig.figure(), fig.label(),
                        fig.value(), fig.numerator(), fig.denominator(), fig.formula()));
            }
            for (Evaluation.CycleTime c : f.cycleTimes()) {
                lines.add(java.util.Arrays.asList(f.unit(), f.level(), f.from(), f.to(), "CYCLE_" + c.stage(),
                        c.label(), c.p50(), c.cases(), null, "p50 " + c.p50() + ", p90 " + c.p90() + ", max " + c.max()
                                + " — " + c.definition()));
            }
            return csv("kpis.csv", Csv.of(List.of("unit", "level", "from", "to", "figure", "label", "value",
                    "numerator", "denominator", "formula"), lines));
        });
    }

    private String areaPrefix(String unit) {
        if (!UnitScope.isUnitCode(unit)) {
            throw ProblemException.badField("unit", "not a unit code (6, 9, 12 or 15 digits)");
        }
        if (!scope.covers(unit)) {
            throw ProblemException.forbidden("unit " + unit + " is not under the caller's unit");
        }
        return UnitScope.prefixOf(unit);
    }

    private static Response csv(String name, String body) {
        return Response.ok(body, Csv.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private static Object nz(Object o) {
        return o == null ? "" : o;
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof java.time.LocalDateTime t) {
            return t.toInstant(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.util.Date d) {
            return d.toInstant();
        }
        throw new IllegalStateException("not a time: " + o.getClass());
    }
}
