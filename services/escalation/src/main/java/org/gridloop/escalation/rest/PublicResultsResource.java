package org.gridloop.escalation.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.repository.EvaluationQueries;
import org.gridloop.escalation.repository.UnitFilter;
import org.gridloop.platform.rest.ProblemException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * 评价结果公开: each unit's and each department's figures per month (or all time), and the units and the departments
 * ranked, for anyone, without signing in.
 * Only counts: no case, no text, no person. A rate counted over fewer than {@code gridloop.public.min-cases} cases
 * is withheld (its value and counts left out, {@code withheld: true}), so no single resident's rating can be read off a
 * small grid's month. Answers are cached ({@code gridloop.public.cache-for}) here and by clients and proxies, so a
 * crowd reading them costs the database nothing.
 */
@Path("/api/public")
@Tag(name = "Public results", description = "评价结果公开: figures and rankings per month, for anyone")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicResultsResource {

    /** A figure as the public reads it: the code the pages word (name and formula), and the counts unless withheld. */
    public record PublicFigure(String figure, BigDecimal value, Long numerator, Long denominator, boolean withheld) {
    }

    public record PublicFigures(String unit, String level, LocalDate from, LocalDate to, int minCases,
                                List<PublicFigure> figures) {
    }

    public record PublicRanked(int rank, String unit, List<PublicFigure> figures) {
    }

    public record PublicRanking(String level, LocalDate from, LocalDate to, int minCases, List<PublicRanked> units) {
    }

    public record PublicDepartmentRanking(LocalDate from, LocalDate to, int minCases, List<PublicRanked> departments) {
    }

    private final EvaluationQueries evaluation;
    private final int minCases;
    private final Duration cacheFor;
    private final Cache<String, Object> answers;

    PublicResultsResource(EvaluationQueries evaluation,
                          @ConfigProperty(name = "gridloop.public.min-cases", defaultValue = "5") int minCases,
                          @ConfigProperty(name = "gridloop.public.cache-for", defaultValue = "PT5M") Duration cacheFor) {
        this.evaluation = evaluation;
        this.minCases = minCases;
        this.cacheFor = cacheFor;
        this.answers = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(cacheFor).build();
    }

    @GET
    @Path("figures")
    @Operation(summary = "A unit's or a department's figures", description = "unit: a grid, community, street, "
            + "district or city code, or a department code (water, ...); period: a month (2026-11), default all time. "
            + "Each figure by its code (SATISFACTION, RESOLUTION, ON_TIME, ... worded by the pages, formulas in the "
            + "escalation README), value = numerator / denominator; withheld when fewer than min-cases cases count. "
            + "No sign-in; cached.")
    @APIResponse(responseCode = "200", description = "the figures")
    @APIResponse(responseCode = "400", description = "a bad unit or period")
    public Uni<Response> figures(@QueryParam("unit") String unit, @QueryParam("period") String period) {
        if (unit == null || unit.isBlank()) {
            throw ProblemException.badField("unit", "required: a unit code or a department code");
        }
        String u = unit.strip();
        boolean department = u.matches("[a-z][a-z0-9-]{0,63}");
        if (!department && !UnitCodes.isUnitCode(u)) {
            throw ProblemException.badField("unit", "a unit code (6, 9, 12 or 15 digits) or a department code");
        }
        LocalDate[] p = month(period);
        return cached("figures|" + u + "|" + p[0], () -> evaluation.figures(UnitFilter.of(u, p[0], p[1]))
                .map(f -> new PublicFigures(f.unit(), f.level(), f.from(), f.to(), minCases,
                        f.figures().stream().map(this::open).toList())));
    }

    @GET
    @Path("rankings")
    @Operation(summary = "The units of a level ranked", description = "level: grid, community, street or district, "
            + "the whole city's; period: a month (2026-11), default all time. Ranked by satisfaction, then on-time "
            + "closing, then resolution; figures withheld as in /figures. No sign-in; cached.")
    @APIResponse(responseCode = "200", description = "the ranking")
    @APIResponse(responseCode = "400", description = "a bad level or period")
    public Uni<Response> rankings(@QueryParam("level") String level, @QueryParam("period") String period) {
        RankedLevel l = RankedLevel.of(level);
        LocalDate[] p = month(period);
        return cached("rankings|" + l.level() + "|" + p[0], () -> evaluation.ranking("", l.codeLength(), p[0], p[1])
                .map(units -> new PublicRanking(l.level().name(), p[0], p[1], minCases, units.stream()
                        .map(r -> new PublicRanked(r.rank(), r.unit(), r.figures().stream().map(this::open).toList()))
                        .toList())));
    }

    @GET
    @Path("department-rankings")
    @Operation(summary = "The departments ranked (街道对职能部门的评价)", description = "Every department called in the "
            + "period (a month, 2026-11; default all time), the whole city's, with RESPONSE and the callers' DEPT_ "
            + "figures over its calls, ranked by DEPT_RESULT, then DEPT_ATTITUDE, then RESPONSE (higher first), then "
            + "DEPT_VERIFICATION_FAILED and DEPT_REOPENED (lower first), as supervisors see it; a figure over fewer "
            + "than min-cases calls is withheld as in /figures (the rank still counts it). No sign-in; cached.")
    @APIResponse(responseCode = "200", description = "the ranking")
    @APIResponse(responseCode = "400", description = "a bad period")
    public Uni<Response> departmentRankings(@QueryParam("period") String period) {
        LocalDate[] p = month(period);
        return cached("department-rankings|" + p[0], () -> evaluation.departmentRanking("", p[0], p[1])
                .map(departments -> new PublicDepartmentRanking(p[0], p[1], minCases, departments.stream()
                        .map(r -> new PublicRanked(r.rank(), r.unit(), r.figures().stream().map(this::open).toList()))
                        .toList())));
    }

    /** A figure's counts and value, unless too few cases count to publish them. */
    private PublicFigure open(EvaluationQueries.Figure f) {
        // a rate over a handful of cases tells on the residents behind it; a count (escalations) does not
        boolean few = f.denominator() != null && f.denominator() < minCases;
        return few ? new PublicFigure(f.figure(), null, null, null, true)
                : new PublicFigure(f.figure(), f.value(), f.numerator(), f.denominator(), false);
    }

    /** A month (2026-11) or all time (no period); the public reads months, not days. */
    private static LocalDate[] month(String period) {
        if (period == null || period.isBlank()) {
            return new LocalDate[] {Period.BEGINNING, Period.END};
        }
        try {
            YearMonth m = YearMonth.parse(period.strip());
            return new LocalDate[] {m.atDay(1), m.atEndOfMonth()};
        } catch (DateTimeParseException e) {
            throw ProblemException.badField("period", "a month (2026-11), or none for all time");
        }
    }

    private Uni<Response> cached(String key, java.util.function.Supplier<Uni<?>> compute) {
        Object hit = answers.getIfPresent(key);
        Uni<?> body = hit != null ? Uni.createFrom().item(hit) : compute.get().invoke(v -> answers.put(key, v));
        return body.map(v -> Response.ok(v).header("Cache-Control", "public, max-age=" + cacheFor.toSeconds())
                .build());
    }
}
