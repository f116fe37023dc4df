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
import org.gridloop.escalation.application.DepartmentRatings;
import org.gridloop.escalation.repository.EvaluationQueries;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;

import java.util.List;

/**
 * 街道对职能部门的评价: the grid or street that called departments into a case rates each one's response, and sees
 * the calls it may rate. For the case's grid workers and the supervisors whose unit covers the case; others 403.
 */
@Path("/api/cases/{requestId}/department-ratings")
@Tag(name = "Department ratings", description = "街道对职能部门的评价: the callers rate each department's response")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.GRID_WORKER, Roles.SUPERVISOR})
public class DepartmentRatingResource {

    /** The departments called into the case, round by round, as the caller may rate them. */
    public record Calls(String requestId, List<RatedCall> calls) {
    }

    /**
     * A call: {@code reportedInOnTime} from the facts (not asked), its answer, what counted against its round
     * ({@code verificationFailed}, {@code reopened}), {@code rateable} when it answered (or missed its resolve limit)
     * and is not rated yet, and the rating once given.
     */
    public record RatedCall(int round, String department, java.time.Instant calledAt, java.time.Instant reportInDue,
                            java.time.Instant reportedInAt, Boolean reportedInOnTime, java.time.Instant answeredAt,
                            String result, boolean verificationFailed, boolean reopened, boolean rateable,
                            EvaluationQueries.Rating rating) {

        static RatedCall of(EvaluationQueries.Call c, java.time.Instant now) {
            boolean due = c.answeredAt() != null || c.resolveDue() != null && !c.resolveDue().isAfter(now);
            return new RatedCall(c.round(), c.department(), c.calledAt(), c.reportInDue(), c.reportedInAt(),
                    c.reportedInOnTime(), c.answeredAt(), c.result(), c.verificationFailed(), c.reopened(),
                    due && c.rating() == null, c.rating());
        }
    }

    private final DepartmentRatings ratings;
    private final EvaluationQueries evaluation;
    private final Caller caller;

    DepartmentRatingResource(DepartmentRatings ratings, EvaluationQueries evaluation, Caller caller) {
        this.ratings = ratings;
        this.evaluation = evaluation;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The departments called into a case, to rate", description = "Round by round: when each "
            + "department was called, whether it reported in on time (from the facts), its answer, whether its round "
            + "failed verification or was reopened, whether the caller may rate it now, and the rating once given. "
            + "For the case's grid workers and the supervisors whose unit covers it.")
    @APIResponse(responseCode = "200", description = "the calls")
    @APIResponse(responseCode = "401", description = "no or invalid bearer token")
    @APIResponse(responseCode = "403", description = "not a grid worker or supervisor")
    @APIResponse(responseCode = "404", description = "no department called into the case, or not the caller's case")
    public Uni<Calls> calls(@PathParam("requestId") String requestId) {
        return evaluation.calls(requestId).map(calls -> {
            if (calls.isEmpty() || calls.stream().map(EvaluationQueries.Call::gridCode)
                    .noneMatch(g -> g != null && caller.coversGrid(g))) {
                throw ProblemException.notFound("no department called into case " + requestId);
            }
            java.time.Instant now = java.time.Instant.now();
            return new Calls(requestId, calls.stream().map(c -> RatedCall.of(c, now)).toList());
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rate a department's response", description = "The grid or street that called a "
            + "department rates its response in a round: attitude and result, 1 to 5, and an optional note; whether "
            + "it reported in on time is the facts', not asked. Once per case, round and department, after it "
            + "answered (or missed its resolve limit). One step: the rating, its timeline entry and "
            + "gridloop.escalation.department-rated.v1 commit together, and the department's figures (DEPT_ATTITUDE, "
            + "DEPT_RESULT) count it from then on. For the case's grid workers and the supervisors whose unit covers "
            + "the case.")
    @APIResponse(responseCode = "201", description = "rated",
            content = @Content(schema = @Schema(implementation = DepartmentRatings.Rated.class)))
    @APIResponse(responseCode = "400", description = "a missing or bad field, field by field")
    @APIResponse(responseCode = "401", description = "no or invalid bearer token")
    @APIResponse(responseCode = "403", description = "not a grid worker or supervisor")
    @APIResponse(responseCode = "404", description = "the department was not called into that round of the case, "
            + "or the case is not the caller's")
    @APIResponse(responseCode = "409", description = "the department has not answered yet (nor missed its resolve "
            + "limit), or it is rated already")
    public Response rate(@PathParam("requestId") String requestId, @Valid @NotNull DepartmentRatingBody body) {
        DepartmentRatings.Rated rated = ratings.rate(new DepartmentRatings.Rate(requestId, body.round(),
                        body.department().strip(), body.attitude(), body.result(),
                        body.note() == null || body.note().isBlank() ? null : body.note().strip()),
                new DepartmentRatings.Rater(caller.actor(), caller::coversGrid));
        return Response.status(Response.Status.CREATED).entity(rated).build();
    }
}
