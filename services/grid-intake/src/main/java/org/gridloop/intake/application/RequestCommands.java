package org.gridloop.intake.application;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.domain.Category;
import org.gridloop.intake.domain.Grid;
import org.gridloop.intake.domain.GridDirectory;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.rest.SubmitRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.intake.domain.Geo;
import org.gridloop.platform.outbox.Outbox;
import org.gridloop.platform.rest.ProblemException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The state changes people cause in grid-intake. Each runs in one transaction that also writes the event
 * announcing it to the outbox; the process engine follows from those events.
 */
@ApplicationScoped
public class RequestCommands {

    public static final String SOURCE = "/gridloop/grid-intake";

    @Inject
    Outbox outbox;

    @Inject
    GridDirectory grids;

    @ConfigProperty(name = "gridloop.duplicates.radius-meters")
    double duplicateRadiusMeters;

    @ConfigProperty(name = "gridloop.duplicates.window")
    Duration duplicateWindow;

    public record Submitted(ServiceRequest request, String trackingToken) {
    }

    /** 发现: validates what bean validation cannot (category, grid) and stores the request with its event. */
    public Uni<Submitted> submit(SubmitRequest body, String source, Actor actor, String reporter) {
        Category category = Category.byCode(body.category()).orElseThrow(() -> ProblemException.badField("category",
                "unknown category; one of " + Category.codes()));
        Grid grid = grids.locate(body.location().latitude(), body.location().longitude())
                .orElseThrow(() -> ProblemException.badField("location",
                        "outside every grid of this city; check the coordinates"));
        ServiceRequest request = new ServiceRequest();
        request.id = TrackingTokens.newRequestId();
        String token = TrackingTokens.newToken();
        request.trackingTokenHash = TrackingTokens.hash(token);
        request.source = source;
        request.category = category.code();
        request.description = body.description().strip();
        request.latitude = body.location().latitude();
        request.longitude = body.location().longitude();
        request.address = body.location().address();
        request.gridCode = grid.code();
        request.photoUrls = body.photoUrls() == null ? List.of() : List.copyOf(body.photoUrls());
        request.anonymous = body.anonymous();
        if (body.contact() != null && !body.anonymous()) {
            request.contactName = body.contact().name();
            request.contactPhone = body.contact().phone();
        }
        request.reporter = body.anonymous() ? null : reporter;
        request.status = RequestStatus.SUBMITTED;
        request.round = 1;
        request.createdAt = Instant.now();
        request.updatedAt = request.createdAt;
        Actor reporterActor = body.anonymous() ? Actor.ANONYMOUS : actor;
        return outbox.transaction(() -> findDuplicate(request).chain(original -> {
            CloudEvent<?> event;
            if (original != null) {
                request.status = RequestStatus.MERGED;
                request.mergedInto = original.id;
                request.outcome = "MERGED";
                request.statusNote = "same problem as " + original.id + ", reported earlier nearby";
                event = CloudEvent.of(EventTypes.REQUEST_MERGED, SOURCE, request.id, reporterActor,
                        new RequestEvents.Merged(request.id, original.id));
            } else {
                event = CloudEvent.of(EventTypes.REQUEST_SUBMITTED, SOURCE, request.id, reporterActor,
                        new RequestEvents.Submitted(request.id, source, request.category, request.description,
                                new RequestEvents.Location(request.latitude, request.longitude, request.address),
                                request.gridCode, request.photoUrls, request.anonymous, request.createdAt));
            }
            return request.<ServiceRequest>persist().chain(() -> outbox.add(event))
                    .replaceWith(new Submitted(request, token));
        }));
    }

    /**
     * 重复诉求: the nearest open request of the same category within the radius and the time window, if any.
     * A bounding box narrows the candidates through the (category, status, created_at) index.
     */
    Uni<ServiceRequest> findDuplicate(ServiceRequest request) {
        double dLat = Geo.latitudeDegrees(duplicateRadiusMeters);
        double dLon = Geo.longitudeDegrees(duplicateRadiusMeters, request.latitude);
        return ServiceRequest.<ServiceRequest>find("category = ?1 and status in ?2 and createdAt > ?3 "
                                + "and latitude between ?4 and ?5 and longitude between ?6 and ?7",
                        request.category, OPEN, request.createdAt.minus(duplicateWindow),
                        request.latitude - dLat, request.latitude + dLat,
                        request.longitude - dLon, request.longitude + dLon)
                .list()
                .map(candidates -> candidates.stream()
                        .filter(c -> Geo.meters(c.latitude, c.longitude, request.latitude, request.longitude)
                                <= duplicateRadiusMeters)
                        .min(java.util.Comparator.comparingDouble(
                                c -> Geo.meters(c.latitude, c.longitude, request.latitude, request.longitude)))
                        .orElse(null));
    }

    private static final List<RequestStatus> OPEN = java.util.Arrays.stream(RequestStatus.values())
            .filter(RequestStatus::open).toList();

    /** Whether the caller reported a duplicate that was merged into {@code request} (and so may follow it). */
    public Uni<Boolean> followsAsDuplicate(ServiceRequest request, Access access) {
        return ServiceRequest.<ServiceRequest>list("mergedInto", request.id)
                .map(duplicates -> duplicates.stream().anyMatch(access::isReporter));
    }

    /** 反馈: the resident rates the result; the process decides what follows (close, or rework). */
    public Uni<ServiceRequest> rate(String requestId, int rating, String comment, Access access, Actor actor) {
        return outbox.transaction(() -> ServiceRequest.<ServiceRequest>findById(requestId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("no request " + requestId))
                .invoke(request -> access.requireReporter(request))
                .chain(request -> {
                    if (request.status != RequestStatus.AWAITING_FEEDBACK || request.rating != null) {
                        return Uni.createFrom().failure(ProblemException.conflict(
                                "request " + requestId + " is " + request.status + ", not waiting for a rating"));
                    }
                    request.rating = rating;
                    request.ratingComment = comment;
                    request.updatedAt = Instant.now();
                    return outbox.add(CloudEvent.of(EventTypes.REQUEST_RATED, SOURCE, request.id, actor,
                            new RequestEvents.Rated(request.id, rating, comment))).replaceWith(request);
                }));
    }
}
