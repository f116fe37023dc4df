package org.gridloop.escalation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.escalation.application.RaiseCommands;
import org.gridloop.escalation.repository.CaseQueries;
import org.gridloop.escalation.security.CaseAccess;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;

import java.net.URI;

/** Supervisors audit a case: where it stands and every step it took (全程留痕); and raise it one level (上提一级). */
@Path("/api/cases")
@Tag(name = "Cases", description = "督办: a case's status and full timeline, for supervisors above it; 上提一级 on "
        + "purpose")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class CaseResource {

    private final CaseQueries queries;
    private final CaseAccess access;
    private final UnitScope scope;
    private final Caller caller;
    private final RaiseCommands raises;

    CaseResource(CaseQueries queries, CaseAccess access, UnitScope scope, Caller caller, RaiseCommands raises) {
        this.queries = queries;
        this.access = access;
        this.scope = scope;
        this.caller = caller;
        this.raises = raises;
    }

    @POST
    @Path("{requestId}/raise")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Raise a case one level on purpose (上提一级)", description = "A supervisor whose level cannot "
            + "solve a case (conditions, capacity, jurisdiction) raises it, with the reason, to the level above their "
            + "unit (community → street → district → city). One step: an escalation (trigger SUPERVISOR_RAISED) "
            + "opens at that level with its supervisor task and gridloop.escalation.raised.v1 (raisedBy, note), so "
            + "the answer shows it there; from then on it is an escalation like any (the level decides, or it climbs "
            + "when unanswered). A case that has an open escalation is raised with that escalation's decision RAISE "
            + "(409 here). For supervisors whose unit covers the case; admins have no level to raise from (403).")
    @APIResponse(responseCode = "201", description = "raised: the new escalation at its level",
            content = @Content(schema = @Schema(implementation = EscalationView.class)))
    @APIResponse(responseCode = "400", description = "no reason, field by field")
    @APIResponse(responseCode = "401", description = "no or invalid bearer token")
    @APIResponse(responseCode = "403", description = "not a supervisor (admins included: no unit to raise from)")
    @APIResponse(responseCode = "404", description = "no such case, or not under the caller's unit")
    @APIResponse(responseCode = "409", description = "the case is closed, has an open escalation (decide it: RAISE), "
            + "or the caller supervises the city (nothing above it)")
    public Response raise(@PathParam("requestId") String requestId, @Valid @NotNull RaiseBody body) {
        String unit = scope.unit().orElseThrow(() -> ProblemException.forbidden(
                "raising a case is a supervisor's act from their unit; the token names no supervised unit"));
        RaiseCommands.Raised raised = raises.raise(new RaiseCommands.Raise(requestId, body.reason()),
                new RaiseCommands.Raiser(caller.actor(), unit));
        return Response.created(URI.create("/api/escalations/" + raised.escalation().id))
                .entity(EscalationView.of(raised.escalation(), raised.tasks())).build();
    }

    @GET
    @Path("{requestId}")
    @Operation(summary = "A case's summary", description = "Status (from the last lifecycle event), outcome, rating, "
            + "rework count and round. For supervisors whose unit covers the case's grid, and admins.")
    @APIResponse(responseCode = "200", description = "the case")
    @APIResponse(responseCode = "401", description = "no or invalid bearer token")
    @APIResponse(responseCode = "403", description = "not a supervisor or admin")
    @APIResponse(responseCode = "404", description = "no such case, or not under the caller's unit")
    public Uni<CaseView> get(@PathParam("requestId") String requestId) {
        return queries.byId(requestId)
                .map(file -> access.requireVisible(file, requestId))
                .map(CaseView::of);
    }

    @GET
    @Path("{requestId}/timeline")
    @Operation(summary = "A case's full timeline", description = "Every event of the case, ordered by when it "
            + "happened: stage code (discovery, acceptance, routing, handling, verification, feedback, closing, escalation: "
            + "发现/受理/分流/办理/核查/反馈/办结/上提一级), actor, department, the detail as a code and parameters "
            + "(worded by the pages in the reader's language; see the service README) and the time since submission. "
            + "Never contains contact details.")
    @APIResponse(responseCode = "200", description = "the timeline")
    @APIResponse(responseCode = "401", description = "no or invalid bearer token")
    @APIResponse(responseCode = "403", description = "not a supervisor or admin")
    @APIResponse(responseCode = "404", description = "no such case, or not under the caller's unit")
    public Uni<TimelineView> timeline(@PathParam("requestId") String requestId) {
        return queries.byId(requestId)
                .map(file -> access.requireVisible(file, requestId))
                .chain(file -> queries.timeline(requestId).map(entries -> TimelineView.of(file, entries)));
    }
}
