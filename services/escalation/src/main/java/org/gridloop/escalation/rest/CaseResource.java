package org.gridloop.escalation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.escalation.repository.CaseQueries;
import org.gridloop.escalation.security.CaseAccess;
import org.gridloop.platform.security.Roles;

/** Supervisors audit a case: where it stands and every step it took (全程留痕). */
@Path("/api/cases")
@Tag(name = "Cases", description = "督办: a case's status and full timeline, for supervisors above it")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class CaseResource {

    private final CaseQueries queries;
    private final CaseAccess access;

    CaseResource(CaseQueries queries, CaseAccess access) {
        this.queries = queries;
        this.access = access;
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
