package org.gridloop.intake.rest;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
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
import org.gridloop.intake.domain.Photo;
import org.gridloop.intake.repository.Photos;
import org.gridloop.intake.repository.RequestQueries;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Roles;

import java.util.List;
import java.util.Map;

/** The grid worker's task list and actions, for the grids named in the worker's token only. */
@Path("/api/tasks")
@Tag(name = "Grid tasks", description = "网格员: accept, review, claim, handle on site, whistle, verify, reject")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.GRID_WORKER)
public class TaskResource {

    static final int MAX_TASKS = 500;

    private final GridTaskCommands commands;
    private final RequestQueries queries;
    private final Caller caller;
    private final Photos photos;

    TaskResource(GridTaskCommands commands, RequestQueries queries, Caller caller, Photos photos) {
        this.photos = photos;
        this.commands = commands;
        this.queries = queries;
        this.caller = caller;
    }

    private GridTaskCommands.Worker worker() {
        return new GridTaskCommands.Worker(caller.id(), caller.grids(), caller.actor());
    }

    @GET
    @Operation(summary = "Open tasks of my grids", description = "Reports to accept, new cases to review, cases to "
            + "handle on site, department work to verify, decisions, return visits; optionally one grid only. Each "
            + "with its due time (the time limit on the city's work calendar) where the stage has one. Oldest first, "
            + "at most " + MAX_TASKS + ".")
    public Uni<List<TaskView>> list(@QueryParam("grid") @Pattern(regexp = "\\d{15}",
            message = "must be a 15-digit grid code") String grid) {
        List<String> grids = grid == null ? caller.grids() : caller.grids().stream().filter(grid::equals).toList();
        if (grids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return queries.tasks(grids, MAX_TASKS)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(list -> {
                    Map<String, List<Photo>> stored = photos.of(list.stream().map(r -> r.id).toList());
                    return list.stream().map(r -> TaskView.of(r).withPhotos(stored.getOrDefault(r.id, List.of())))
                            .toList();
                });
    }

    @POST
    @Path("{id}/accept")
    @Operation(summary = "Accept a report (受理)", description = "For an ACCEPT task: the routing table "
            + "(grid-routing.dmn) holds some reports back for a person (an unclassified one from a resident or another "
            + "channel); a grid worker of the grid accepts it by the task's due time (the acceptance limit; a missed "
            + "one is announced as gridloop.request.limit-missed.v1, stage ACCEPTANCE) and the process routes it at "
            + "once; or rejects it (POST reject). 409 once it is no longer waiting for acceptance.")
    public TaskView accept(@PathParam("id") String id) {
        return TaskView.of(commands.accept(id, worker()));
    }

    @POST
    @Path("{id}/claim")
    @Operation(summary = "Claim a task", description = "Possible as soon as the case was routed to the grid "
            + "(gridloop.request.routed-to-grid.v1) or its verification requested.")
    public TaskView claim(@PathParam("id") String id) {
        return TaskView.of(commands.claim(id, worker()));
    }

    @POST
    @Path("{id}/unclaim")
    @Operation(summary = "Give a claimed task back")
    public TaskView unclaim(@PathParam("id") String id) {
        return TaskView.of(commands.unclaim(id, worker()));
    }

    @POST
    @Path("{id}/complete")
    @Operation(summary = "Handled on site (处置)", description = "The claimant reports what was done; the resident is "
            + "asked for feedback next.")
    public TaskView complete(@PathParam("id") String id, @Valid @NotNull TaskBodies.Complete body) {
        return TaskView.of(commands.complete(new GridTaskCommands.Complete(id, body.note(), body.photoUrls(),
                body.beforePhotoIds(), body.afterPhotoIds()),
                worker()));
    }

    @POST
    @Path("{id}/whistle")
    @Operation(summary = "Blow the whistle (吹哨)", description = "The grid cannot solve it: call the departments.")
    public TaskView whistle(@PathParam("id") String id, @Valid @NotNull TaskBodies.Whistle body) {
        return TaskView.of(commands.whistle(new GridTaskCommands.Whistle(id, body.reason()), worker()));
    }

    @POST
    @Path("{id}/verification")
    @Operation(summary = "Verify the departments' work on site (核查)", description = "Failed sends it back to the "
            + "departments for another round.")
    public TaskView verify(@PathParam("id") String id, @Valid @NotNull TaskBodies.Verification body) {
        return TaskView.of(commands.verify(new GridTaskCommands.Verify(id, body.passed(), body.note(),
                body.photoIds()), worker()));
    }

    @POST
    @Path("{id}/decision")
    @Operation(summary = "Decide after a department could not fix it", description = "For a DECIDE task (a "
            + "department answered PARTLY or CANNOT_FIX): VERIFY (the answers will do: verify on site next), REROUTE "
            + "(another round of the departments) or CLOSE_NOT_SOLVABLE (closed as NOT_SOLVABLE; the note is the "
            + "explanation the resident reads). A note is required unless VERIFY.")
    public TaskView decide(@PathParam("id") String id, @Valid @NotNull TaskBodies.Decision body) {
        if (body.code().needsNote() && (body.note() == null || body.note().isBlank())) {
            throw ProblemException.badField("note", "say why; for CLOSE_NOT_SOLVABLE the resident reads it");
        }
        return TaskView.of(commands.decide(new GridTaskCommands.Decide(id, body.code(), body.note()), worker()));
    }

    @POST
    @Path("{id}/raise")
    @Operation(summary = "Raise one level on purpose (上提一级)", description = "The grid cannot solve the case "
            + "(conditions, capacity, jurisdiction): the community's supervisors get it as an escalation "
            + "(gridloop.request.raised.v1), the case stays where it is. While the grid handles it (HANDLE) or decides "
            + "after the departments (DECIDE).")
    public TaskView raise(@PathParam("id") String id, @Valid @NotNull TaskBodies.Raise body) {
        return TaskView.of(commands.raise(new GridTaskCommands.Raise(id, body.reason()), worker()));
    }

    @POST
    @Path("{id}/return-visit")
    @Operation(summary = "Record the return visit (回访)", description = "For a resident who did not rate within the "
            + "feedback limit (task kind RETURN_VISIT): reached, with the resident's rating (1 to 5; 2 or less sends "
            + "it back to handling like their own rating), or nobody reached: the case closes as NOT_EVALUATED, "
            + "counted apart and never escalated for the missing rating.")
    public TaskView returnVisit(@PathParam("id") String id, @Valid @NotNull TaskBodies.ReturnVisit body) {
        if (body.reached() && body.rating() == null) {
            throw ProblemException.badField("rating", "the resident's rating is required when they were reached");
        }
        if (!body.reached() && body.rating() != null) {
            throw ProblemException.badField("rating", "no rating when nobody was reached");
        }
        return TaskView.of(commands.returnVisit(new GridTaskCommands.ReturnVisit(id, body.reached(), body.rating(),
                body.comment()), worker()));
    }

    @POST
    @Path("{id}/reject")
    @Operation(summary = "Reject with a reason (不予受理)", description = "Out of scope, spam, not enough information; "
            + "the resident sees the reason.")
    public TaskView reject(@PathParam("id") String id, @Valid @NotNull TaskBodies.Reject body) {
        return TaskView.of(commands.reject(new GridTaskCommands.Reject(id, body.code(), body.note()), worker()));
    }
}
