package org.gridloop.escalation.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.escalation.application.DecisionCommands;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.repository.EscalationQueries;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;

import java.util.List;

/** 督办: escalated cases waiting for a supervisor, and the supervisor's decision. */
@Path("/api/escalations")
@Tag(name = "Escalations", description = "上提一级: open escalations for the supervisors whose unit they reached")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.ADMIN})
public class EscalationResource {

    private final UnitScope scope;
    private final Caller caller;
    private final DecisionCommands commands;
    private final EscalationQueries queries;

    EscalationResource(UnitScope scope, Caller caller, DecisionCommands commands, EscalationQueries queries) {
        this.scope = scope;
        this.caller = caller;
        this.commands = commands;
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Escalations", description = "status=open (default): escalations whose current level's unit "
            + "is the caller's unit or under it, i.e. the supervisor tasks the caller may decide; status=all: every "
            + "escalation of a case under the caller's unit.")
    @APIResponse(responseCode = "200", description = "the escalations, newest first, at most " + EscalationQueries.LIMIT)
    @APIResponse(responseCode = "403", description = "not a supervisor or admin")
    public Uni<List<EscalationView>> list(@QueryParam("status") @DefaultValue("open")
                                          @Pattern(regexp = "open|all", message = "open or all") String status) {
        String prefix = scope.prefix();
        Uni<List<Escalation>> found = "open".equals(status) ? queries.openUnder(prefix) : queries.allUnder(prefix);
        return found.chain(list -> queries.tasks(list.stream().map(e -> e.id).toList())
                .map(tasks -> list.stream().map(e -> EscalationView.of(e,
                        tasks.stream().filter(t -> t.escalationId.equals(e.id)).toList())).toList()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One escalation", description = "With the supervisor task of every level it reached. "
            + "For supervisors whose unit covers the case's grid, and admins.")
    @APIResponse(responseCode = "200", description = "the escalation")
    @APIResponse(responseCode = "404", description = "no such escalation, or not under the caller's unit")
    public Uni<EscalationView> get(@PathParam("id") String id) {
        return queries.byId(id).chain(e -> {
            if (e == null || !scope.covers(e.gridCode)) {
                throw ProblemException.notFound("no escalation " + id);
            }
            return queries.tasks(List.of(id)).map(tasks -> EscalationView.of(e, tasks));
        });
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide an escalation", description = "COORDINATE (会商联办), NEW_DEADLINE, REASSIGN or "
            + "ORDER_CLOSING. For a supervisor whose unit is the escalation's current unit or above it, and admins. "
            + "One step: the decision, gridloop.escalation.decided.v1 and the end of the escalation "
            + "(gridloop.escalation.ended.v1, DECIDED) commit together, so the answer shows it ENDED.")
    @APIResponse(responseCode = "200", description = "decided and ended")
    @APIResponse(responseCode = "400", description = "invalid decision, field by field")
    @APIResponse(responseCode = "403", description = "the escalation is at a level above the caller's unit")
    @APIResponse(responseCode = "404", description = "no such escalation, or not under the caller's unit")
    @APIResponse(responseCode = "409", description = "already decided or ended")
    public EscalationView decide(@PathParam("id") String id, @Valid @NotNull DecisionBody body) {
        scope.prefix();
        DecisionCommands.Decided decided = commands.decide(new DecisionCommands.Decide(id, body.code(),
                        body.department(), body.toDepartment(), body.newDeadline(), body.note(),
                        body.departments() == null ? List.of() : body.departments()),
                new DecisionCommands.Supervisor(caller.actor(), scope::covers, scope::covers));
        return EscalationView.of(decided.escalation(), decided.tasks());
    }
}
