package org.gridloop.escalation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.escalation.messaging.ReadModelRebuild;
import org.gridloop.platform.security.Roles;

/** Operations: rebuild the read model from the topics. */
@Path("/api/admin/rebuild")
@Tag(name = "Admin", description = "Operations: rebuilding the read model, counting the repeated places")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminResource {

    private final ReadModelRebuild rebuild;

    AdminResource(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Operation(summary = "Rebuild the read model", description = "Clears the timeline, the case files and the evaluation facts and "
            + "re-reads gridloop.requests, gridloop.dispatches and gridloop.escalations from the beginning. Returns at "
            + "once (202); GET shows the progress. The escalation records, the process and the consumer's inbox are not touched.")
    public Response start() {
        return Response.accepted(rebuild.start()).build();
    }

    @GET
    @Operation(summary = "Progress of the last rebuild")
    public ReadModelRebuild.Status status() {
        return rebuild.status();
    }
}
