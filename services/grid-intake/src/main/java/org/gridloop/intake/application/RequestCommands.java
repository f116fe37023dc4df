package org.gridloop.intake.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.contracts.Category;
import org.gridloop.intake.domain.Grid;
import org.gridloop.intake.domain.Photo;
import org.gridloop.intake.domain.GridDirectory;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.domain.TrackingTokens;
import org.gridloop.intake.process.RequestProcess;
import org.gridloop.intake.repository.RequestLinks;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.intake.security.Access;
import org.gridloop.platform.db.Steps;
import org.gridloop.platform.outbox.JdbcOutbox;
import org.gridloop.platform.rest.ProblemException;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What residents do in grid-intake: report (发现) and rate (反馈). Each is one step: the record, the engine command
 * and the events commit in one transaction, so the answer already shows what the process decided (accepted and
 * routed, closed or sent back) and the next action is accepted at once.
 */
@ApplicationScoped
public class RequestCommands {

    public static final String SOURCE = "/gridloop/grid-intake";

    private final Steps steps;
    private final ServiceRequests requests;
    private final RequestProcess process;
    private final JdbcOutbox outbox;
    private final GridDirectory grids;
    private final IntakeConfig.Duplicates duplicates;
    private final PhotoCommands photos;
    private final RequestLinks links;

    RequestCommands(Steps steps, ServiceRequests requests, RequestProcess process, JdbcOutbox outbox,
                    GridDirectory grids, IntakeConfig.Duplicates duplicates, PhotoCommands photos,
                    RequestLinks links) {
        this.photos = photos;
        this.links = links;
        this.steps = steps;
        this.requests = requests;
        this.process = process;
        this.outbox = outbox;
        this.grids = grids;
        this.duplicates = duplicates;
    }

    public record Submitted(ServiceRequest request, String trackingToken) {
    }

    /** A supervisor as a proactive case needs them: who, the unit they act for (a unit code), the event's actor. */
    public record Supervisor(String id, String unit, Actor actor) {
    }

    /** A proactive case as opened: the request and the cases it follows, in the order given. */
    public record Opened(ServiceRequest request, List<String> linkedRequestIds) {
    }

    /**
     * 发现 → 受理 → 分流: validates what bean validation cannot (category, grid) before any database work, then
     * stores the request and starts its process, which accepts and routes it in the same transaction. A report of
     * the same category near an open case is stored as MERGED into it instead. The report was validated by the
     * channel it came through (the REST body's constraints, Open311's form).
     */
    public Submitted submit(Submission submission) {
        ProblemReport report = submission.report();
        Category category = Category.byCode(report.category()).orElseThrow(() -> ProblemException.badField(
                "category", "unknown category; one of " + Category.codes()));
        Grid grid = grids.locate(report.location().latitude(), report.location().longitude())
                .orElseThrow(() -> ProblemException.badField("location",
                        "outside every grid of this city; check the coordinates"));
        String token = TrackingTokens.newToken();
        return steps.runNew(() -> {
            ServiceRequest request = newRequest(submission, category, grid, token);
            Actor reporter = report.anonymous() ? Actor.ANONYMOUS : submission.actor();
            Optional<ServiceRequest> original = requests.nearestOpenDuplicate(request.category, request.latitude,
                    request.longitude, duplicates.radiusMeters(), request.createdAt.minus(duplicates.window()));
            requests.add(request);
            List<String> photoIds = photos.attach(report.photoIds(), request.id, Photo.Stage.REPORT,
                    submission.reporter(), report.anonymous(), "photoIds");
            if (original.isPresent()) {
                request.status = RequestStatus.MERGED;
                request.mergedInto = original.get().id;
                request.outcome = CaseOutcome.MERGED;
                // no note in words: mergedInto names the case, the pages and Open311 word it
                outbox.add(CloudEvent.of(EventTypes.REQUEST_MERGED, SOURCE, request.id, reporter,
                        new RequestEvents.Merged(request.id, original.get().id, request.gridCode, request.category,
                                request.source, new RequestEvents.Location(request.latitude, request.longitude,
                                request.address))));
            } else {
                outbox.add(CloudEvent.of(EventTypes.REQUEST_SUBMITTED, SOURCE, request.id, reporter,
                        new RequestEvents.Submitted(request.id, request.source, request.category,
                                request.description, new RequestEvents.Location(request.latitude,
                                request.longitude, request.address), request.gridCode, request.photoUrls,
                                request.anonymous, request.createdAt, photoIds)));
                process.start(request);
            }
            return new Submitted(request, token);
        });
    }

    /**
     * 未诉先办: a supervisor opens a proactive case from the cases that led to it. Its grid (found from the location)
     * and every linked case must be under the supervisor's unit, and every linked case must exist; otherwise a 400
     * on the field and nothing is stored (an unknown case and another unit's are refused alike, so the answer tells
     * nobody what exists elsewhere). Then it runs the loop as a report of the channel {@code proactive}: accepted at
     * once, routed, handled or whistled and verified; never merged into an open case nearby (the supervisor opened
     * it on purpose), and with no resident to ask it closes once the work is done (the process's feedback gateway).
     */
    public Opened openProactive(ProactiveCase proactive, Supervisor supervisor) {
        Category category = Category.byCode(proactive.category()).orElseThrow(() -> ProblemException.badField(
                "category", "unknown category; one of " + Category.codes()));
        Grid grid = grids.locate(proactive.location().latitude(), proactive.location().longitude())
                .orElseThrow(() -> ProblemException.badField("location",
                        "outside every grid of this city; check the coordinates"));
        if (!UnitCodes.covers(supervisor.unit(), grid.code())) {
            throw ProblemException.badField("location", "in grid " + grid.code() + ", not under your unit "
                    + supervisor.unit());
        }
        List<String> linked = List.copyOf(new LinkedHashSet<>(proactive.linkedRequestIds()));
        Map<String, String> linkedGrids = links.gridCodes(linked);
        List<String> outside = linked.stream()
                .filter(id -> !UnitCodes.covers(supervisor.unit(), linkedGrids.get(id))).toList();
        if (!outside.isEmpty()) {
            throw ProblemException.badField("linkedRequestIds", "no case " + String.join(", ", outside)
                    + " under your unit " + supervisor.unit());
        }
        String token = TrackingTokens.newToken();
        Submission submission = new Submission(proactive.asReport(), Submission.PROACTIVE, supervisor.actor(),
                supervisor.id());
        return steps.runNew(() -> {
            ServiceRequest request = newRequest(submission, category, grid, token);
            requests.add(request);
            links.add(request.id, linked);
            outbox.add(CloudEvent.of(EventTypes.REQUEST_SUBMITTED, SOURCE, request.id, supervisor.actor(),
                    new RequestEvents.Submitted(request.id, request.source, request.category, request.description,
                            new RequestEvents.Location(request.latitude, request.longitude, request.address),
                            request.gridCode, request.photoUrls, request.anonymous, request.createdAt, List.of(),
                            linked)));
            process.start(request);
            return new Opened(request, linked);
        });
    }

    private static ServiceRequest newRequest(Submission submission, Category category, Grid grid, String token) {
        ProblemReport report = submission.report();
        ServiceRequest request = new ServiceRequest();
        request.id = TrackingTokens.newRequestId();
        request.trackingTokenHash = TrackingTokens.hash(token);
        request.source = submission.source();
        request.category = category.code();
        request.description = report.description().strip();
        request.latitude = report.location().latitude();
        request.longitude = report.location().longitude();
        request.address = report.location().address();
        request.gridCode = grid.code();
        request.photoUrls = report.photoUrls() == null ? List.of() : List.copyOf(report.photoUrls());
        request.photosPublic = report.photosPublic();
        request.anonymous = report.anonymous();
        if (report.contact() != null && !report.anonymous()) {
            request.contactName = report.contact().name();
            request.contactPhone = report.contact().phone();
        }
        request.reporter = report.anonymous() ? null : submission.reporter();
        request.status = RequestStatus.SUBMITTED;
        request.round = 1;
        request.createdAt = Instant.now();
        request.updatedAt = request.createdAt;
        return request;
    }

    /**
     * 反馈: the reporter rates the result; the process closes the case or sends it back (返工), in this step. A
     * reporter whose report was merged into another case rates that case's result on their own: recorded on their
     * report, announced, and nothing else moves.
     */
    public ServiceRequest rate(String requestId, int rating, String comment, Access access, Actor actor) {
        return steps.run(() -> {
            ServiceRequest request = requests.forUpdate(requestId)
                    .orElseThrow(() -> ProblemException.notFound("no request " + requestId));
            access.requireReporter(request);
            boolean follower = request.status == RequestStatus.MERGED;
            if (follower) {
                request.rateAsFollower(requests.read(request.mergedInto), rating, comment);
            } else {
                request.rate(rating, comment);
            }
            outbox.add(CloudEvent.of(EventTypes.REQUEST_RATED, SOURCE, request.id, actor,
                    new RequestEvents.Rated(request.id, rating, comment)));
            if (!follower) {
                process.rated(request, rating);
            }
            return request;
        });
    }
}
