package org.gridloop.platform.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.platform.messaging.DeadLetterReplay;
import org.gridloop.platform.security.Roles;

/** Operations on this service's dead letters (every service has this endpoint). */
@Path("/api/admin/dead-letters")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Operations", description = "Dead letters: re-drive them after a fix")
public class DeadLetterResource {

    private final DeadLetterReplay replay;

    DeadLetterResource(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay this service's dead letters", description = "Body {\"consumer\": \"<this service's "
            + "consumer group>\"}. Reads gridloop.dead-letters from its start and consumes again the records that "
            + "consumer put there: what is applicable now is applied once (already applied events are skipped), "
            + "what is still poison is counted and stays a single dead letter.")
    public DeadLetterReplay.Result replay(@Valid @NotNull ReplayBody body) {
        body.require(replay.consumer());
        return replay.replay();
    }
}
