package org.gridloop.intake.rest.open311;

import org.gridloop.intake.domain.Category;
import org.gridloop.intake.domain.Grid;
import org.gridloop.intake.domain.GridDirectory;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * GeoReport v2 shapes of the service list and of requests. A request's public view is built field by field from
 * an allow-list: the reporter's name, phone, account and tracking token never appear in it.
 */
final class Open311Views {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

    private static final Map<RequestStatus, String> NOTES = Map.of(
            RequestStatus.SUBMITTED, "已收到，待受理 (received, awaiting acceptance)",
            RequestStatus.ACCEPTED, "已受理 (accepted)",
            RequestStatus.REJECTED, "不予受理 (rejected)",
            RequestStatus.MERGED, "已并入重复诉求 (merged into a duplicate request)",
            RequestStatus.GRID_HANDLING, "网格员办理中 (being handled by the grid worker)",
            RequestStatus.WHISTLED, "已吹哨，职能部门办理中 (whistled: departments are handling it)",
            RequestStatus.VERIFYING, "网格员现场核查中 (being verified on site)",
            RequestStatus.AWAITING_FEEDBACK, "已办理，待居民评价 (handled, awaiting the resident's rating)",
            RequestStatus.CLOSED, "已办结 (closed)");

    private Open311Views() {
    }

    static Open311Document.Fields service(Category category) {
        return Open311Document.fields()
                .with("service_code", category.code())
                .with("service_name", category.nameZh())
                .with("description", category.nameEn())
                .with("metadata", false)
                .with("type", "realtime")
                .with("keywords", String.join(", ", category.nameZh(), category.nameEn(), category.code()))
                .with("group", category.group());
    }

    static Open311Document.Fields request(ServiceRequest r, GridDirectory grids, ZoneId zone) {
        Category category = Category.byCode(r.category).orElse(null);
        List<String> photos = r.photoUrls == null ? List.of() : r.photoUrls;
        return Open311Document.fields()
                .with("service_request_id", r.id)
                .with("status", r.status.open() ? "open" : "closed")
                .with("status_notes", statusNotes(r))
                .with("service_name", category == null ? r.category : category.nameZh())
                .with("service_code", r.category)
                .with("description", r.description)
                .with("agency_responsible", agency(r.gridCode, grids))
                .with("service_notice", null)
                .with("requested_datetime", datetime(r.createdAt, zone))
                .with("updated_datetime", datetime(r.updatedAt, zone))
                .with("expected_datetime", null)
                .with("address", r.address)
                .with("address_id", null)
                .with("zipcode", null)
                .with("lat", r.latitude)
                .with("long", r.longitude)
                .with("media_url", photos.isEmpty() ? null : photos.get(0));
    }

    /** The status in words, with why: the rejection reason, the case a duplicate follows, the handler's note. */
    static String statusNotes(ServiceRequest r) {
        StringBuilder note = new StringBuilder(NOTES.getOrDefault(r.status, r.status.name()));
        if (r.rejectReason != null) {
            note.append(": ").append(r.rejectReason);
        } else if (r.mergedInto != null) {
            note.append(": ").append(r.mergedInto);
        } else if (r.outcome != null && !r.outcome.isBlank()) {
            note.append(": ").append(r.outcome);
        }
        if (r.statusNote != null && !r.statusNote.isBlank()) {
            note.append(" — ").append(r.statusNote);
        }
        return note.toString();
    }

    /** The grid cell that owns the request (departments it was whistled to are known to report-in, not here). */
    static String agency(String gridCode, GridDirectory grids) {
        return grids.byCode(gridCode).map(Grid::name).map(name -> "网格 " + gridCode + " " + name)
                .orElse("网格 " + gridCode);
    }

    /** W3C datetime with the jurisdiction's offset, to the second: {@code 2025-06-01T08:00:00+08:00}. */
    static String datetime(Instant instant, ZoneId zone) {
        return instant == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }
}
