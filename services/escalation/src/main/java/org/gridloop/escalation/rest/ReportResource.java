package org.gridloop.escalation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.escalation.application.MonthlyReports;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.escalation.repository.Reports;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;

import java.net.URI;
import java.time.YearMonth;
import java.util.List;

/**
 * 通报: a unit's monthly reports — issued at month end for every street, district and city, and on demand — read
 * as JSON (the page draws it) and as a PDF.
 */
@Path("/api/reports")
@Tag(name = "Monthly report", description = "通报: a unit's monthly report, issued at month end and on demand, as "
        + "JSON and PDF")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class ReportResource {

    public record NewReport(String unit, String month) {
    }

    private final UnitScope scope;
    private final MonthlyReports reports;
    private final Reports stored;
    private final ReportPdf pdf;

    ReportResource(UnitScope scope, MonthlyReports reports, Reports stored, ReportPdf pdf) {
        this.scope = scope;
        this.reports = reports;
        this.stored = stored;
        this.pdf = pdf;
    }

    @GET
    @Operation(summary = "The reports issued", description = "The reports of the caller's unit and the units under "
            + "it (or under `unit`), of one `month` (2026-11) or all, newest month first, then newest issued first "
            + "(at most " + Reports.LIST_LIMIT + "); what each says is read one by one.")
    @APIResponse(responseCode = "200", description = "the reports")
    @APIResponse(responseCode = "400", description = "not a unit code, or not a month")
    @APIResponse(responseCode = "403", description = "the unit is not under the caller's")
    public List<Reports.Issued> list(@QueryParam("unit") String unit, @QueryParam("month") String month) {
        String prefix = unit == null || unit.isBlank() ? scope.prefix() : UnitScope.prefixOf(scope.requireUnit(unit));
        return stored.under(prefix, month == null || month.isBlank() ? null : Period.month("month", month).atDay(1));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a report now", description = "The report of `unit` (default the caller's; an admin "
            + "names one) for `month` (2026-11, default this one; not a month to come): its figures against the "
            + "month before, cycle times, the ranking of the units under it and of the departments it called, the "
            + "most reported problems (up to " + MonthlyReports.TOP + ") with the reports per month of the last 12 "
            + "months and the places where one kind of problem was reported " + MonthlyReports.REPEATED_MIN
            + " times or more in the month and the two before, the cases overdue now, and the month's topic. For "
            + "the running month it covers the days so far. Kept as issued; the month-end reports are issued by "
            + "the service itself.")
    @APIResponse(responseCode = "201", description = "issued: the report")
    @APIResponse(responseCode = "400", description = "not a unit code or not a month, or a month to come")
    @APIResponse(responseCode = "403", description = "the unit is not under the caller's")
    public Response issue(NewReport body) {
        String unit = scope.requireUnit(body == null ? null : body.unit());
        YearMonth now = YearMonth.now(FactChanges.ZONE);
        YearMonth month = body == null || body.month() == null || body.month().isBlank() ? now
                : Period.month("month", body.month());
        if (month.isAfter(now)) {
            throw ProblemException.badField("month", "this month or one before");
        }
        MonthlyReports.Report report = reports.issue(unit, month, Reports.ON_DEMAND, scope.actor()).orElseThrow();
        return Response.created(URI.create("/api/reports/" + report.issued().id())).entity(report).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A report", description = "What the report said when it was issued.")
    @APIResponse(responseCode = "200", description = "the report")
    @APIResponse(responseCode = "404", description = "no such report under the caller's unit")
    public MonthlyReports.Report get(@PathParam("id") String id) {
        return visible(id);
    }

    @GET
    @Path("{id}/pdf")
    @Produces("application/pdf")
    @Operation(summary = "A report as a PDF", description = "A4, the same sections as the report page, with its "
            + "charts; to download and print.")
    @APIResponse(responseCode = "200", description = "the PDF")
    @APIResponse(responseCode = "404", description = "no such report under the caller's unit")
    @APIResponse(responseCode = "503", description = "the service has no CJK font to write it with")
    public Response pdf(@PathParam("id") String id) {
        MonthlyReports.Report report = visible(id);
        return Response.ok(pdf.render(report), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"gridloop-report-" + report.issued().unit()
                        + "-" + report.content().month() + ".pdf\"")
                .build();
    }

    private MonthlyReports.Report visible(String id) {
        if (id == null || !id.matches("RPT-[0-9A-F-]{1,40}")) {
            throw ProblemException.notFound("report " + id);
        }
        return reports.find(id).filter(r -> scope.covers(r.issued().unit()))
                .orElseThrow(() -> ProblemException.notFound("report " + id));
    }
}
