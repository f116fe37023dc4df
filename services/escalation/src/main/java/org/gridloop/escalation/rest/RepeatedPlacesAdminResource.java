package org.gridloop.escalation.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.escalation.application.RepeatedPlaces;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;

/**
 * Operations: count the streets', districts' and the city's repeated places now, as the chore does every few minutes
 * — after a bulk load or a rebuild of the aggregates, so the lists served as counted are not the ones counted
 * before it.
 */
@Path("/api/admin/repeated-places")
@Tag(name = "Admin", description = "Operations: rebuilding the read model, counting the repeated places")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class RepeatedPlacesAdminResource {

    /** How many lists were counted and stored. */
    public record Counted(int lists) {
    }

    private final RepeatedPlaces repeatedPlaces;

    RepeatedPlacesAdminResource(RepeatedPlaces repeatedPlaces) {
        this.repeatedPlaces = repeatedPlaces;
    }

    @POST
    @Blocking
    @Operation(summary = "Count the repeated places now", description = "Counts the default-window list of every "
            + "street and district with reports in the window and of the city, as the chore does every "
            + "gridloop.hotspots.count-every (seconds to minutes at a real city's size; the call waits for it).")
    @APIResponse(responseCode = "200", description = "counted: how many lists")
    @APIResponse(responseCode = "409", description = "another instance is counting them now")
    public Counted count() {
        int lists = repeatedPlaces.countAll();
        if (lists < 0) {
            throw ProblemException.conflict("another instance is counting the repeated places now");
        }
        return new Counted(lists);
    }
}
