package org.gridloop.reportin.rest;

import io.quarkus.vertx.VertxContextSupport;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;
import org.gridloop.reportin.repository.DispatchQueries;
import org.gridloop.reportin.security.DispatchAccess;
import org.gridloop.reportin.application.DispatchCommands;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Department staff see the whistles addressed to their department, report in, note progress, answer or dispute;
 * supervisors read, decide disputes and close by order.
 */
@Path("/api/dispatches")
@Tag(name = "Dispatches", description = "街乡吹哨、部门报到: a department's whistles, report-in, answer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DispatchResource {

    static final int PAGE = 200;

    private final DispatchCommands commands;
    private final DispatchQueries queries;
    private final Caller caller;

    DispatchResource(DispatchCommands commands, DispatchQueries queries, Caller caller) {
        this.commands = commands;
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.DEPARTMENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "My department's whistles", description = "For department staff: the department's "
            + "assignments, newest first, with what to fix, where, and both time limits. Supervisors get the "
            + "assignments under their unit, admins all (the newest " + PAGE + ").")
    public Uni<List<TaskView>> list() {
        DispatchAccess access = new DispatchAccess(caller);
        Uni<List<DepartmentAssignment>> assignments;
        if (access.department().isPresent()) {
            assignments = queries.ofDepartment(access.department().get(), PAGE);
        } else if (caller.is(Roles.ADMIN)) {
            assignments = queries.newest(PAGE);
        } else if (caller.is(Roles.SUPERVISOR) && caller.unit().isPresent()) {
            assignments = queries.underUnit(caller.unit().get(), PAGE);
        } else {
            return Uni.createFrom().item(List.of());
        }
        return assignments.chain(list -> queries.dispatches(list.stream().map(a -> Dispatch.id(a.requestId, a.round))
                .distinct().toList()).map(found -> {
                    Map<String, Dispatch> byId = found.stream().collect(Collectors.toMap(d -> d.id,
                            Function.identity()));
                    return list.stream().sorted((x, y) -> y.createdAt.compareTo(x.createdAt))
                            .map(a -> TaskView.of(a, byId.get(Dispatch.id(a.requestId, a.round)))).toList();
                }));
    }

    @GET
    @Path("disputes")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Open jurisdiction disputes", description = "For supervisors: the disputes waiting for a "
            + "decision (the department DISPUTED in the case's current, open round) of dispatches whose grid is under "
            + "the caller's unit, the longest waiting first, each with the department's reason (admins: all; the "
            + "first " + PAGE + "). Decided with POST /api/dispatches/{requestId}/disputes/{department}/decision.")
    @APIResponse(responseCode = "200",
            description = "the open disputes; empty for a supervisor whose token names no unit")
    @APIResponse(responseCode = "403", description = "not a supervisor or admin")
    public Uni<List<DisputeView>> disputes() {
        Uni<List<DepartmentAssignment>> disputed;
        if (caller.is(Roles.ADMIN)) {
            disputed = queries.openDisputes(null, PAGE);
        } else if (caller.unit().isPresent()) {
            disputed = queries.openDisputes(caller.unit().get(), PAGE);
        } else {
            return Uni.createFrom().item(List.of());
        }
        return disputed.chain(list -> queries.dispatches(list.stream().map(a -> Dispatch.id(a.requestId, a.round))
                .distinct().toList()).map(found -> {
                    Map<String, Dispatch> byId = found.stream().collect(Collectors.toMap(d -> d.id,
                            Function.identity()));
                    return list.stream().map(a -> DisputeView.of(a, byId.get(Dispatch.id(a.requestId, a.round))))
                            .toList();
                }));
    }

    @GET
    @Path("{requestId}")
    @RolesAllowed({Roles.DEPARTMENT, Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "A dispatch (the current round)", description = "For staff of a called department, "
            + "supervisors of a unit above its grid, and admins; 404 for anyone else.")
    public Uni<DispatchView> get(@PathParam("requestId") String requestId) {
        DispatchAccess access = new DispatchAccess(caller);
        return queries.current(requestId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no dispatch " + requestId))
                .chain(dispatch -> queries.assignments(requestId, dispatch.round)
                        .invoke(assignments -> access.requireVisible(dispatch, assignments))
                        .chain(assignments -> queries.notes(requestId, dispatch.round)
                                .map(notes -> DispatchView.of(dispatch, assignments, notes))));
    }

    @POST
    @Path("{requestId}/report-in")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.DEPARTMENT)
    @Operation(summary = "Report in (报到)", description = "The caller's department acknowledges the whistle. "
            + "409 unless it is CALLED; 404 when it is not called on this request.")
    public AssignmentView reportIn(@PathParam("requestId") String requestId) {
        return AssignmentView.of(commands.reportIn(requestId, requireDepartment(), caller.actor()));
    }

    @POST
    @Path("{requestId}/answer")
    @RolesAllowed(Roles.DEPARTMENT)
    @Operation(summary = "Answer (答复)", description = "FIXED, PARTLY or CANNOT_FIX; a note (at most 2000 "
            + "characters) is required unless FIXED. 409 unless the department REPORTED_IN.")
    public AssignmentView answer(@PathParam("requestId") String requestId, @Valid @NotNull AnswerBody body) {
        return AssignmentView.of(commands.answer(requestId, requireDepartment(), body.code(),
                body.note(), caller.actor()));
    }

    @POST
    @Path("{requestId}/progress")
    @RolesAllowed(Roles.DEPARTMENT)
    @Operation(summary = "Add a progress note (进展)", description = "The caller's department says what it has done "
            + "so far (at most 2000 characters). 409 unless it REPORTED_IN.")
    public AssignmentView progress(@PathParam("requestId") String requestId, @Valid @NotNull NoteBody body) {
        return AssignmentView.of(commands.progress(requestId, requireDepartment(), body.note(), caller.actor()));
    }

    @POST
    @Path("{requestId}/dispute")
    @RolesAllowed(Roles.DEPARTMENT)
    @Operation(summary = "Dispute jurisdiction (管辖异议)", description = "The caller's department says it is not "
            + "theirs to fix, with a reason; a supervisor decides. 409 unless CALLED or REPORTED_IN.")
    public AssignmentView dispute(@PathParam("requestId") String requestId, @Valid @NotNull DisputeBody body) {
        return AssignmentView.of(commands.dispute(requestId, requireDepartment(), body.reason(), caller.actor()));
    }

    @POST
    @Path("{requestId}/disputes/{department}/decision")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Decide a jurisdiction dispute", description = "For supervisors of a unit above the grid "
            + "(else 404) and admins. CONFIRM: the department carries on. REROUTE: its assignment ends as REROUTED "
            + "and toDepartment (a code of the department directory) is called in its place, same role, fresh "
            + "limits. 409 unless the department is DISPUTED, or when toDepartment is called already.")
    public List<AssignmentView> decide(@PathParam("requestId") String requestId,
                                            @PathParam("department") String department,
                                            @Valid @NotNull DecisionBody body) {
        return commands.decide(requestId, department, body.code(), body.toDepartment(), body.note(),
                new DispatchAccess(caller), caller.actor()).stream().map(AssignmentView::of).toList();
    }

    @POST
    @Path("{requestId}/close")
    @RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
    @Operation(summary = "Close by order (责令办结)", description = "For supervisors of a unit above the grid (else "
            + "404) and admins: the round is resolved with the answers so far; a department that had not answered "
            + "is reported with no result and a note starting with NONE. 409 once resolved.")
    public DispatchView close(@PathParam("requestId") String requestId, @Valid CloseBody body) throws Throwable {
        commands.close(requestId, body == null ? null : body.note(), new DispatchAccess(caller), caller.actor());
        // the round as everyone reads it, now that the closing committed
        return VertxContextSupport.subscribeAndAwait(() -> get(requestId));
    }

    private String requireDepartment() {
        return new DispatchAccess(caller).department().orElseThrow(() ->
                ProblemException.forbidden("the token names no department"));
    }
}
