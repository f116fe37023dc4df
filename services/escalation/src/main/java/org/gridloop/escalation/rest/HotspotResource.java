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
import org.gridloop.escalation.application.RepeatedPlaces;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.escalation.repository.HotspotQueries;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * 未诉先办: where and what residents keep reporting under the caller's unit, so a supervisor can deal with it before
 * the next call (and open a proactive case over the cases that led to it, in grid-intake).
 */
@Path("/api/hotspots")
@Tag(name = "Hotspots", description = "未诉先办: reports per category and grid, trends, repeated problems at one place")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class HotspotResource {

    public record Counts(String unit, LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo,
                         List<HotspotQueries.CategoryCount> counts) {
    }

    public record Months(String unit, String from, String to, List<HotspotQueries.MonthCount> months) {
    }

    /** {@code countedAt}: when a street's, a district's or the city's default list was counted; null: counted now. */
    public record Repeated(String unit, LocalDate since, int min, Instant countedAt,
                           List<HotspotQueries.RepeatedPlace> places) {
    }

    private final UnitScope scope;
    private final HotspotQueries hotspots;
    private final RepeatedPlaces counted;

    HotspotResource(UnitScope scope, HotspotQueries hotspots, RepeatedPlaces counted) {
        this.scope = scope;
        this.hotspots = hotspots;
        this.counted = counted;
    }

    @GET
    @Operation(summary = "Reports per grid and category", description = "The (grid, category) pairs under the unit "
            + "(default the caller's) with the most reports in the period (default this month; period=2026-11, a day, "
            + "or from/to), each with the count of the period before (the month before a month, else as many days "
            + "just before; none for all time) and by source (resident, patrol, open311, proactive); rejected "
            + "reports left out, merged duplicates counted; most reported first, at most " + HotspotQueries.LIMIT
            + ".")
    @APIResponse(responseCode = "200", description = "the counts")
    @APIResponse(responseCode = "400", description = "bad unit or period")
    @APIResponse(responseCode = "403", description = "the unit is not under the caller's")
    public Uni<Counts> counts(@QueryParam("unit") String unit, @QueryParam("period") String period,
                              @QueryParam("from") String from, @QueryParam("to") String to) {
        String u = scope.requireUnit(unit);
        Period p = period == null && from == null && to == null ? Period.of(YearMonth.now(FactChanges.ZONE))
                : Period.of(period, from, to);
        Period before = before(p);
        return hotspots.counts(UnitScope.prefixOf(u), p.from(), p.to(), before == null ? null : before.from())
                .map(rows -> new Counts(u, p.from(), p.to(), before == null ? null : before.from(),
                        before == null ? null : before.to(), rows));
    }

    @GET
    @Path("months")
    @Operation(summary = "Reports per month and category", description = "The trend: reports under the unit per "
            + "calendar month (Asia/Shanghai) and category over the last `months` months, this one included "
            + "(1 to 36, default 12).")
    @APIResponse(responseCode = "200", description = "the counts per month")
    @APIResponse(responseCode = "400", description = "bad unit or months")
    @APIResponse(responseCode = "403", description = "the unit is not under the caller's")
    public Uni<Months> months(@QueryParam("unit") String unit, @QueryParam("months") Integer months) {
        String u = scope.requireUnit(unit);
        int n = months == null ? 12 : months;
        if (n < 1 || n > 36) {
            throw ProblemException.badField("months", "1 to 36");
        }
        YearMonth last = YearMonth.now(FactChanges.ZONE);
        YearMonth first = last.minusMonths(n - 1L);
        return hotspots.months(UnitScope.prefixOf(u), first.atDay(1), last.atEndOfMonth())
                .map(rows -> new Months(u, first.toString(), last.toString(), rows));
    }

    @GET
    @Path("repeated")
    @Operation(summary = "Repeated problems at one place", description = "Places (cells of about 200 m) under the "
            + "unit where one category was reported at least `min` times (2 to 100, default 3) in the last `days` "
            + "days (1 to 730, default 90), closed cases and merged duplicates included, rejected reports and "
            + "proactive cases left out; with the cases (newest first, at most 50) and the proactive cases already "
            + "opened over any of them; most reported first, at most " + HotspotQueries.LIMIT + ". A street's, a "
            + "district's or the city's list over the default window is counted every few minutes and served as counted (`countedAt`, "
            + "at most 30 minutes old, counted today); anything else is counted when asked (`countedAt` null). The "
            + "proactive cases are always read fresh.")
    @APIResponse(responseCode = "200", description = "the places")
    @APIResponse(responseCode = "400", description = "bad unit, days or min")
    @APIResponse(responseCode = "403", description = "the unit is not under the caller's")
    public Uni<Repeated> repeated(@QueryParam("unit") String unit, @QueryParam("days") Integer days,
                                  @QueryParam("min") Integer min) {
        String u = scope.requireUnit(unit);
        int d = days == null ? 90 : days;
        int m = min == null ? 3 : min;
        if (d < 1 || d > 730) {
            throw ProblemException.badField("days", "1 to 730");
        }
        if (m < 2 || m > 100) {
            throw ProblemException.badField("min", "2 to 100");
        }
        LocalDate today = LocalDate.now(FactChanges.ZONE);
        LocalDate since = today.minusDays(d - 1L);
        String prefix = UnitScope.prefixOf(u);
        Uni<Repeated> now = Uni.createFrom().deferred(() -> hotspots.repeated(prefix, since, today, m)
                .map(rows -> new Repeated(u, since, m, null, rows)));
        if (!RepeatedPlaces.counted(u, d, m)) {
            return now;
        }
        return counted.fresh(prefix).chain(list -> list.isEmpty() ? now : hotspots.withLinks(list.get().places())
                .map(rows -> new Repeated(u, list.get().since(), m, list.get().countedAt(), rows)));
    }

    /** The month before a month, else as many days just before; null for all time. */
    private static Period before(Period p) {
        if (p.from().equals(Period.BEGINNING)) {
            return null;
        }
        YearMonth month = YearMonth.from(p.from());
        if (p.from().equals(month.atDay(1)) && p.to().equals(month.atEndOfMonth())) {
            return Period.of(month.minusMonths(1));
        }
        long days = ChronoUnit.DAYS.between(p.from(), p.to()) + 1;
        return new Period(p.from().minusDays(days), p.from().minusDays(1));
    }
}
