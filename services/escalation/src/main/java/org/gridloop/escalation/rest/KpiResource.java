package org.gridloop.escalation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.escalation.repository.EvaluationQueries;
import org.gridloop.escalation.repository.UnitFilter;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;

/** 全程评价: a unit's rates and cycle times for a period, each figure by its code (the pages word its formula). */
@Path("/api/kpis")
@Tag(name = "Evaluation", description = "全程评价: rates and cycle times per unit and period")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class KpiResource {

    private final UnitScope scope;
    private final EvaluationQueries evaluation;

    KpiResource(UnitScope scope, EvaluationQueries evaluation) {
        this.scope = scope;
        this.evaluation = evaluation;
    }

    @GET
    @Operation(summary = "A unit's figures", description = "unit: a grid, community, street, district or city code, "
            + "or a department (e.g. water: its figures over the calls and cases under the caller's unit only); default the "
            + "caller's unit. Period: period=2026-11 or 2026-11-05, or "
            + "from/to dates (Asia/Shanghai), default all time. Each figure comes by its code (RESPONSE, "
            + "RESOLUTION, ...) with numerator and denominator: its name and formula are worded by the pages in the "
            + "reader's language (and written in the service README); cycle times by stage code (ACCEPTANCE, ...) "
            + "with p50, p90 and max (for an area unit, and a department under a street, a district or the city, read "
            + "from histograms of 5 % buckets per unit and period: exact where a bucket's cases took equally long, "
            + "else within 5 %; a department under a community or a grid: exact, from its cases).")
    @APIResponse(responseCode = "200", description = "the figures")
    @APIResponse(responseCode = "400", description = "bad unit or period")
    @APIResponse(responseCode = "403", description = "not a supervisor or admin, or the unit is not under the caller's")
    public Uni<EvaluationQueries.Figures> figures(@QueryParam("unit") String unit, @QueryParam("period") String period,
                                           @QueryParam("from") String from, @QueryParam("to") String to) {
        Period p = Period.of(period, from, to);
        return evaluation.figures(filter(scope, unit, p));
    }

    /** The unit asked for, checked against the caller's scope. */
    static UnitFilter filter(UnitScope scope, String unit, Period period) {
        String u = unit == null || unit.isBlank() ? scope.unit()
                .orElseThrow(() -> ProblemException.badField("unit", "required")) : unit;
        if (u.length() > 100 || !u.matches("[0-9]+|[a-z0-9-]+")) {
            throw ProblemException.badField("unit", "a unit code or a department code");
        }
        UnitFilter filter = UnitFilter.of(u, period.from(), period.to());
        if (filter.department()) {
            // how the department served the caller's unit (the street that calls it, the district, the city), not
            // the others
            return filter.within(scope.prefix());
        } else {
            if (!UnitCodes.isUnitCode(u)) {
                throw ProblemException.badField("unit", "not a unit code (6, 9, 12 or 15 digits)");
            }
            if (!scope.covers(u)) {
                throw ProblemException.forbidden("unit " + u + " is not under the caller's unit");
            }
        }
        return filter;
    }
}
