package org.gridloop.intake.rest;

import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.RejectReason;
import org.gridloop.intake.domain.DepartmentAnswer;
import org.gridloop.intake.domain.PersonalData;
import org.gridloop.intake.domain.Photo;
import org.gridloop.intake.domain.ServiceRequest;

import java.time.Instant;
import java.util.List;

/**
 * A request as residents, grid workers and supervisors see it: never the reporter's contact details. A duplicate
 * merged into an open case carries that case's progress in {@code followed}, and nothing else of it. 未诉先办, for
 * staff over its grid only (empty for its reporter): a proactive case names the cases it was opened from
 * ({@code linkedRequestIds}), and a case names the proactive cases that followed it ({@code followedBy}).
 */
public record RequestView(String id, String status, String category, String description, double latitude,
                          double longitude, String address, String gridCode, List<String> photoUrls, String source,
                          int round, int reworkCount, Integer rating, CaseOutcome outcome, String statusNote,
                          RejectReason rejectReason, String mergedInto, Instant createdAt, Instant updatedAt,
                          FollowedCase followed, List<Answer> answers, List<PhotoView> photos,
                          List<String> linkedRequestIds, List<String> followedBy) {

    /**
     * A photo kept by the system (照片): the stage it was taken at (REPORT, BEFORE and AFTER handling, VERIFY), its
     * size, and where to fetch it and its thumbnail (paths on grid-intake, for whoever may see the request).
     */
    public record PhotoView(String id, Photo.Stage stage, String contentType, int width, int height, String url,
                            String thumbnailUrl, Instant attachedAt) {

        static PhotoView of(Photo p) {
            return new PhotoView(p.id(), p.stage(), p.contentType(), p.width(), p.height(), "/api/photos/" + p.id(),
                    "/api/photos/" + p.id() + "/thumbnail", p.attachedAt());
        }
    }

    /** The same view with the request's stored photos (a separate read: the photos are not on the request's row). */
    public RequestView withPhotos(List<Photo> stored) {
        return new RequestView(id, status, category, description, latitude, longitude, address, gridCode, photoUrls,
                source, round, reworkCount, rating, outcome, statusNote, rejectReason, mergedInto, createdAt, updatedAt,
                followed, answers, stored.stream().map(PhotoView::of).toList(), linkedRequestIds, followedBy);
    }

    /** The same view with the proactive links (a separate read: they are not on the request's row). */
    public RequestView withLinks(List<String> linked, List<String> followers) {
        return new RequestView(id, status, category, description, latitude, longitude, address, gridCode, photoUrls,
                source, round, reworkCount, rating, outcome, statusNote, rejectReason, mergedInto, createdAt, updatedAt,
                followed, answers, photos, List.copyOf(linked), List.copyOf(followers));
    }

    /**
     * 答复: what a department answered in the last resolved round (result, and the note unless FIXED), shown to the
     * verifying grid worker and the resident. Phone numbers and e-mail addresses in the note are masked.
     */
    public record Answer(String department, AnswerResult result, String note) {

        static Answer of(DepartmentAnswer a) {
            return new Answer(a.department(), a.result(), a.note() == null ? null
                    : PersonalData.mask(a.note(), List.of()));
        }
    }

    /**
     * The progress of the case a duplicate was merged into, as its reporter may see it: where it stands, how it
     * ended, when it last moved. Never its text, photos, notes or rating: those are another resident's.
     */
    public record FollowedCase(String id, String status, int round, CaseOutcome outcome, Instant updatedAt,
                               Instant closedAt) {

        static FollowedCase of(ServiceRequest r) {
            return new FollowedCase(r.id, r.status.name(), r.round, r.outcome, r.updatedAt, r.closedAt);
        }
    }

    public static RequestView of(ServiceRequest r) {
        return of(r, null);
    }

    /** {@code followed}: the case {@code r} was merged into, or null. */
    public static RequestView of(ServiceRequest r, ServiceRequest followed) {
        return new RequestView(r.id, r.status.name(), r.category, r.description, r.latitude, r.longitude, r.address,
                r.gridCode, r.photoUrls == null ? List.of() : r.photoUrls, r.source, r.round, r.reworkCount, r.rating,
                r.outcome, r.statusNote, r.rejectReason, r.mergedInto, r.createdAt, r.updatedAt,
                followed == null ? null : FollowedCase.of(followed),
                r.answers().stream().map(Answer::of).toList(), List.of(), List.of(), List.of());
    }
}
