package org.gridloop.intake.rest;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.intake.application.ProactiveCase;
import org.gridloop.intake.application.ProblemReport;
import org.gridloop.intake.application.RequestCommands;
import org.gridloop.intake.application.Submission;
import org.gridloop.intake.domain.ProgressLine;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.process.ProcessViews;
import org.gridloop.intake.repository.Photos;
import org.gridloop.intake.repository.ProgressLines;
import org.gridloop.intake.repository.RequestLinks;
import org.gridloop.intake.repository.RequestQueries;
import org.gridloop.intake.security.Access;
import org.gridloop.platform.rest.ProblemException;
import org.gridloop.platform.security.Caller;
import org.gridloop.platform.security.Roles;

import java.net.URI;
import java.util.List;

/** Residents submit, follow and rate their requests. Anonymous reporting is allowed: the tracking token is the key. */
@Path("/api/requests")
@Tag(name = "Requests", description = "居民诉求: submit, follow, rate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RequestResource {

    public static final String TRACKING_TOKEN = "X-Tracking-Token";

    private final RequestCommands commands;
    private final RequestQueries queries;
    private final ProcessViews processes;
    private final Caller caller;
    private final ProgressLines progressLines;
    private final Photos photos;
    private final RequestLinks links;

    RequestResource(RequestCommands commands, RequestQueries queries, ProcessViews processes, Caller caller,
                    ProgressLines progressLines, Photos photos, RequestLinks links) {
        this.photos = photos;
        this.links = links;
        this.commands = commands;
        this.queries = queries;
        this.processes = processes;
        this.caller = caller;
        this.progressLines = progressLines;
    }

    @POST
    @PermitAll
    @Operation(summary = "Report a problem (发现)", description = "Anonymous, or as a signed-in resident. Returns the "
            + "request id and a tracking token; keep the token to follow and rate the request. The answer already "
            + "shows where the case went (accepted and routed to the grid or whistled to departments), or that it "
            + "was merged into an open case nearby.")
    public Response submit(@Valid @NotNull ProblemReport body) {
        String source = caller.is(Roles.GRID_WORKER) ? Submission.PATROL : Submission.RESIDENT;
        RequestCommands.Submitted s = commands.submit(new Submission(body, source, caller.actor(),
                caller.anonymous() ? null : caller.id()));
        return Response.created(URI.create("/api/requests/" + s.request().id))
                .entity(new SubmittedView(s.request().id, s.trackingToken(), s.request().status.name(),
                        s.request().gridCode, s.request().mergedInto))
                .build();
    }

    @POST
    @Path("proactive")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(summary = "Open a proactive case (未诉先办)", description = "A supervisor opens a case from a hotspot "
            + "of earlier cases: category, description and location as a resident's report (the grid is found from "
            + "the location and must be under the supervisor's unit), and linkedRequestIds, the 1 to "
            + ProactiveCase.MAX_LINKED + " cases that led to it (closed ones too), each under the supervisor's unit: "
            + "an unknown case or another unit's is a 400 on the field, and nothing is stored. The case runs the "
            + "loop with the source proactive: accepted at once and routed in this step (the answer shows "
            + "GRID_HANDLING or WHISTLED), handled on site or whistled and verified, never merged into an open case "
            + "nearby; with no resident to ask, it closes (RESOLVED) once the grid handled it or verified the "
            + "departments' work. The request view shows the links to staff (linkedRequestIds; followedBy on the "
            + "earlier cases). Counts as a new submission in the rate limits and the admission.")
    public Response openProactive(@Valid @NotNull ProactiveCase body) {
        String unit = caller.unit().filter(UnitCodes::isUnitCode).orElseThrow(() -> ProblemException.forbidden(
                "a proactive case is opened for a unit: the token names none"));
        RequestCommands.Opened opened = commands.openProactive(body,
                new RequestCommands.Supervisor(caller.id(), unit, caller.actor()));
        ServiceRequest request = opened.request();
        return Response.created(URI.create("/api/requests/" + request.id))
                .entity(new ProactiveCaseView(request.id, request.status.name(), request.gridCode, request.source,
                        opened.linkedRequestIds()))
                .build();
    }

    @GET
    @Path("{id}")
    @PermitAll
    @Operation(summary = "A request's status", description = "For its reporter (token or tracking token), the grid "
            + "workers of its grid, and supervisors above it. Never contains contact details. A duplicate merged into "
            + "an open case shows that case's progress (followed): its status and outcome, never its text. To staff "
            + "over its grid (not to its reporter): the cases a proactive case was opened from (linkedRequestIds) "
            + "and the proactive cases that followed this one (followedBy), by id.")
    public Uni<RequestView> get(@PathParam("id") String id, @HeaderParam(TRACKING_TOKEN) String trackingToken) {
        Access access = new Access(caller, trackingToken);
        return visible(id, access).flatMap(request -> {
            boolean staff = caller.coversGrid(request.gridCode);
            return (request.mergedInto == null
                    ? Uni.createFrom().item(RequestView.of(request))
                    : queries.byId(request.mergedInto).map(followed -> RequestView.of(request, followed)))
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(view -> view.withPhotos(photos.of(id)))
                    .map(view -> staff ? view.withLinks(links.linkedFrom(id), links.followedBy(id)) : view);
        });
    }

    @GET
    @Path("{id}/process")
    @PermitAll
    @Operation(summary = "The request's process", description = "The BPMN diagram of the case's process with the "
            + "steps done and the steps waiting now, for whoever may see the request.")
    public Uni<ProcessViews.ProcessView> process(@PathParam("id") String id,
                                                 @HeaderParam(TRACKING_TOKEN) String trackingToken) {
        Access access = new Access(caller, trackingToken);
        return queries.byId(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no request " + id))
                .invoke(access::requireVisible)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(request -> processes.forRequest(id)
                        .orElseThrow(() -> ProblemException.notFound("no process for request " + id + " yet")));
    }

    @GET
    @Path("{id}/progress")
    @PermitAll
    @Operation(summary = "The case's progress (办理进展)", description = "One line per step the resident cares about, "
            + "oldest first: when, a code (the event type without prefix and version, e.g. request.accepted, "
            + "dispatch.resolved) and the codes and values the page words it with in the reader's language (a "
            + "category, a department and its result, a rating, an outcome); never anybody's words. For whoever may "
            + "see the request.")
    public Uni<List<ProgressLine>> progress(@PathParam("id") String id,
                                            @HeaderParam(TRACKING_TOKEN) String trackingToken) {
        Access access = new Access(caller, trackingToken);
        return queries.byId(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no request " + id))
                .invoke(access::requireVisible)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(request -> progressLines.of(id));
    }

    @POST
    @Path("{id}/rating")
    @PermitAll
    @Operation(summary = "Rate the result (反馈)", description = "1 to 5; 2 or less sends the case back to handling "
            + "(返工) while rework is left. The answer shows the case closed or back in handling.")
    public RequestView rate(@PathParam("id") String id, @HeaderParam(TRACKING_TOKEN) String trackingToken,
                            @Valid @NotNull RatingBody body) {
        return RequestView.of(commands.rate(id, body.rating(), body.comment(), new Access(caller, trackingToken),
                caller.actor()));
    }

    /**
     * The request if the caller may see it: its reporter, staff covering its grid. The reporter of a duplicate merged
     * into it may not: they follow its progress through their own request.
     */
    private Uni<ServiceRequest> visible(String id, Access access) {
        return queries.byId(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no request " + id))
                .invoke(access::requireVisible);
    }
}
