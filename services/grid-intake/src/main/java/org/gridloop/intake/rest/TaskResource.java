package org.gridloop.intake.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.intake.application.GridTaskCommands;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;

import java.util.List;

/** The grid worker's task list and actions, for the grids named in the worker's token only. */
@Path("/api/tasks")
@Tag(name = "Grid tasks", description = "网格员: review, claim, handle on site, whistle, verify, reject")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.GRID_WORKER)
public class TaskResource {

    @Inject
    GridTaskCommands commands;

    @Inject
    Caller caller;

    private GridTaskCommands.Worker worker() {
        return new GridTaskCommands.Worker(caller.id(), caller.grids(), caller.actor());
    }

    @GET
    @Operation(summary = "Open tasks of my grids", description = "New cases to review, cases to handle on site, "
            + "department work to verify; optionally one grid only.")
    public Uni<List<TaskView>> list(@QueryParam("grid") @Pattern(regexp = "\\d{15}",
            message = "must be a 15-digit grid code") String grid) {
        return commands.tasks(worker(), grid).map(list -> list.stream().map(TaskView::of).toList());
    }

    @POST
    @Path("{id}/claim")
    @Operation(summary = "Claim a task")
    public Uni<TaskView> claim(@PathParam("id") String id) {
        return commands.claim(id, worker()).map(TaskView::of);
    }

    @POST
    @Path("{id}/unclaim")
    @Operation(summary = "Give a claimed task back")
    public Uni<TaskView> unclaim(@PathParam("id") String id) {
        return commands.unclaim(id, worker()).map(TaskView::of);
    }

    @POST
    @Path("{id}/complete")
    @Operation(summary = "Handled on site (处置)", description = "The claimant reports what was done; the resident is "
            + "asked for feedback next.")
    public Uni<TaskView> complete(@PathParam("id") String id, @Valid @NotNull TaskBodies.Complete body) {
        return commands.complete(id, body, worker()).map(TaskView::of);
    }

    @POST
    @Path("{id}/whistle")
    @Operation(summary = "Blow the whistle (吹哨)", description = "The grid cannot solve it: call the departments.")
    public Uni<TaskView> whistle(@PathParam("id") String id, @Valid @NotNull TaskBodies.Whistle body) {
        return commands.whistle(id, body, worker()).map(TaskView::of);
    }

    @POST
    @Path("{id}/verification")
    @Operation(summary = "Verify the departments' work on site (核查)", description = "Failed sends it back to the "
            + "departments for another round.")
    public Uni<TaskView> verify(@PathParam("id") String id, @Valid @NotNull TaskBodies.Verification body) {
        return commands.verify(id, body, worker()).map(TaskView::of);
    }

    @POST
    @Path("{id}/reject")
    @Operation(summary = "Reject with a reason (不予受理)", description = "Out of scope, spam, not enough information; "
            + "the resident sees the reason.")
    public Uni<TaskView> reject(@PathParam("id") String id, @Valid @NotNull TaskBodies.Reject body) {
        return commands.reject(id, body, worker()).map(TaskView::of);
    }
}
