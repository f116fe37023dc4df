package org.gridloop.escalation.rest;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestMulti;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.application.ExportConfig;
import org.gridloop.escalation.domain.CycleStage;
import org.gridloop.escalation.domain.Kpi;
import org.gridloop.escalation.repository.AuditQueries;
import org.gridloop.escalation.repository.EvaluationQueries;
import org.gridloop.escalation.repository.UnitFilter;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** 督办 audit: overdue and escalated cases, unit rankings, CSV exports — all limited to the caller's unit. */
@Path("/api/audit")
@Tag(name = "Audit", description = "督办: overdue and escalated cases, rankings and exports under the caller's unit")
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class AuditResource {

    private static final List<String> CASE_COLUMNS = List.of("request_id", "grid_code", "day", "category", "status",
            "outcome", "submitted_at", "closed_at", "due_at", "finished_at", "on_time", "deferred", "rating",
            "rework_count", "limit_missed", "escalations");

    private final UnitScope scope;
    private final AuditQueries audit;
    private final EvaluationQueries evaluation;
    private final ExportConfig export;

    AuditResource(UnitScope scope, AuditQueries audit, EvaluationQueries evaluation, ExportConfig export) {
        this.export = export;
        this.scope = scope;
        this.audit = audit;
        this.evaluation = evaluation;
    }

    public record OverdueCase(String requestId, String gridCode, String category, String status, Instant dueAt,
                              String overdueBy, boolean limitMissed) {
    }

    public record Ranking(String level, LocalDate from, LocalDate to, List<EvaluationQueries.Ranked> units) {
    }

    @GET
    @Path("overdue")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Overdue cases", description = "Open cases whose current due time passed before handling "
            + "finished, most overdue first; at most " + AuditQueries.LIMIT + ".")
    public Uni<List<OverdueCase>> overdue() {
        Instant now = Instant.now();
        return audit.overdue(scope.prefix()).map(rows -> rows.stream().map(r -> new OverdueCase(r.requestId(),
                r.gridCode(), r.category(), r.status(), r.dueAt(),
                Duration.between(r.dueAt(), now).withNanos(0).toString(), r.limitMissed())).toList());
    }

    @GET
    @Path("escalated")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Escalated cases", description = "Every escalation raised in the period (default all time) "
            + "for a case under the caller's unit, newest first: trigger, highest level reached, decision, end; at most " + AuditQueries.LIMIT + ".")
    public Uni<List<AuditQueries.Escalated>> escalated(@QueryParam("period") String period,
                                                       @QueryParam("from") String from, @QueryParam("to") String to) {
        Period p = Period.of(period, from, to);
        return audit.escalated(scope.prefix(), p.from(), p.to());
    }

    @GET
    @Path("rankings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Unit rankings", description = "The units of a level (grid, community, street, district) "
            + "under the caller's unit, ranked by 满意率, then 按期结案率, then 解决率 for the period.")
    public Uni<Ranking> rankings(@QueryParam("level") String level, @QueryParam("period") String period,
                                 @QueryParam("from") String from, @QueryParam("to") String to) {
        Period p = Period.of(period, from, to);
        RankedLevel l = RankedLevel.of(level);
        return evaluation.ranking(scope.prefix(), l.codeLength(), p.from(), p.to())
                .map(units -> new Ranking(l.level().name(), p.from(), p.to(), units));
    }

    public record DepartmentRanking(String area, LocalDate from, LocalDate to,
                                    List<EvaluationQueries.Ranked> departments) {
    }

    @GET
    @Path("department-rankings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Department rankings (街道对职能部门的评价)", description = "The departments called for the "
            + "cases under the caller's unit in the period (the day called), each with RESPONSE and the DEPT_ figures "
            + "over those calls only, ranked by the callers' rating of their results (DEPT_RESULT), then of their "
            + "attitude (DEPT_ATTITUDE), then RESPONSE (higher first), then DEPT_VERIFICATION_FAILED and "
            + "DEPT_REOPENED (lower first); a figure with nothing to count ranks last, ties by department code. "
            + "`area` is the grid-code prefix counted (empty for an admin: the whole city).")
    @APIResponse(responseCode = "200", description = "the ranking")
    @APIResponse(responseCode = "400", description = "a bad period")
    @APIResponse(responseCode = "403", description = "not a supervisor or admin")
    public Uni<DepartmentRanking> departmentRankings(@QueryParam("period") String period,
                                                     @QueryParam("from") String from, @QueryParam("to") String to) {
        Period p = Period.of(period, from, to);
        String area = scope.prefix();
        return evaluation.departmentRanking(area, p.from(), p.to())
                .map(departments -> new DepartmentRanking(area, p.from(), p.to(), departments));
    }

    @GET
    @Path("cases.csv")
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Cases as CSV", description = "The cases under the caller's unit (or the given unit under "
            + "it) submitted in the period, one row each, with due time, on-time flag, rating, rework and escalations. "
            + "The period is required (period=2026-11, a day, or from and to; at most 366 days); an export holds at "
            + "most 100,000 cases (more: 400, narrow the period or the unit) and is streamed page by page.")
    @APIResponse(responseCode = "200", description = "the CSV, streamed")
    @APIResponse(responseCode = "400", description = "no period, a period longer than 366 days, or more cases than "
            + "an export holds")
    public Multi<String> casesCsv(@QueryParam("unit") String unit, @QueryParam("period") String period,
                                  @QueryParam("from") String from, @QueryParam("to") String to) {
        // whose cases first (403 for another unit's), then which period
        String prefix = unit == null || unit.isBlank() ? scope.prefix() : areaPrefix(unit);
        Period p = Period.required(period, from, to, export.maxDays());
        Uni<Long> size = audit.countCases(prefix, p.from(), p.to()).invoke(n -> {
            if (n > export.maxRows()) {
                throw ProblemException.badField("period", n + " cases in this unit and period, more than an export "
                        + "holds (" + export.maxRows() + "); choose a shorter period or a smaller unit");
            }
        });
        return RestMulti.fromUniResponse(size,
                n -> Multi.createBy().concatenating().streams(Multi.createFrom().item(Csv.header(CASE_COLUMNS)),
                        casePages(prefix, p, null)),
                n -> Map.of("Content-Disposition", List.of("attachment; filename=\"cases.csv\"")));
    }

    /** The rows after {@code after}, a page at a time: the next page is read when this one has been written. */
    private Multi<String> casePages(String prefix, Period p, AuditQueries.CaseRow after) {
        return audit.casesAfter(prefix, p.from(), p.to(), after, export.page()).onItem().transformToMulti(rows -> {
            if (rows.isEmpty()) {
                return Multi.createFrom().empty();
            }
            List<List<?>> lines = new ArrayList<>(rows.size());
            for (AuditQueries.CaseRow r : rows) {
                Boolean onTime = r.dueAt() == null || r.finishedAt() == null ? null
                        : !r.finishedAt().isAfter(r.dueAt());
                lines.add(Arrays.asList(r.requestId(), r.gridCode(), r.day(), nz(r.category()), nz(r.status()),
                        nz(r.outcome()), nz(r.submittedAt()), nz(r.closedAt()), nz(r.dueAt()), nz(r.finishedAt()),
                        nz(onTime), r.deferred(), nz(r.rating()), r.reworkCount(), r.limitMissed(), r.escalations()));
            }
            Multi<String> page = Multi.createFrom().item(Csv.lines(lines));
            return rows.size() < export.page() ? page
                    : Multi.createBy().concatenating().streams(page, casePages(prefix, p, rows.get(rows.size() - 1)));
        });
    }

    @GET
    @Path("kpis.csv")
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Unit figures as CSV", description = "The figures (value, numerator, denominator, the "
            + "formula in words as the service README has it) and cycle times of a unit (default the caller's) for the period.")
    public Uni<Response> kpisCsv(@QueryParam("unit") String unit, @QueryParam("period") String period,
                                 @QueryParam("from") String from, @QueryParam("to") String to) {
        UnitFilter filter = KpiResource.filter(scope, unit, Period.of(period, from, to));
        return evaluation.figures(filter).map(f -> {
            List<List<?>> lines = new ArrayList<>();
            for (EvaluationQueries.Figure fig : f.figures()) {
                lines.add(Arrays.asList(f.unit(), f.level(), f.from(), f.to(), fig.figure(), fig.label(),
                        fig.value(), fig.numerator(), fig.denominator(), Kpi.valueOf(fig.figure()).formula()));
            }
            for (EvaluationQueries.CycleTime c : f.cycleTimes()) {
                lines.add(Arrays.asList(f.unit(), f.level(), f.from(), f.to(), "CYCLE_" + c.stage(),
                        c.label(), c.p50(), c.cases(), null, "p50 " + c.p50() + ", p90 " + c.p90() + ", max " + c.max()
                                + " — " + CycleStage.valueOf(c.stage()).definition()));
            }
            return csv("kpis.csv", Csv.of(List.of("unit", "level", "from", "to", "figure", "label", "value",
                    "numerator", "denominator", "formula"), lines));
        });
    }

    private String areaPrefix(String unit) {
        if (!UnitCodes.isUnitCode(unit)) {
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
}
