package org.gridloop.intake.rest.open311;

import org.gridloop.intake.application.PublicationPolicy;
import org.gridloop.contracts.Category;
import org.gridloop.intake.domain.Grid;
import org.gridloop.intake.domain.GridDirectory;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * GeoReport v2 shapes of the service list and of requests. A request's public view is built field by field from
 * an allow-list, out of what the {@link PublicationPolicy} published: the reporter's name, phone, account and tracking
 * token never appear in it.
 */
final class Open311Views {

    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

    private static final Map<RequestStatus, String> NOTES = Map.ofEntries(
            Map.entry(RequestStatus.SUBMITTED, "已收到，待受理 (received, awaiting acceptance)"),
            Map.entry(RequestStatus.ACCEPTED, "已受理 (accepted)"),
            Map.entry(RequestStatus.REJECTED, "不予受理 (rejected)"),
            Map.entry(RequestStatus.MERGED, "已并入重复诉求 (merged into a duplicate request)"),
            Map.entry(RequestStatus.GRID_HANDLING, "网格员办理中 (being handled by the grid worker)"),
            Map.entry(RequestStatus.WHISTLED, "已吹哨，职能部门办理中 (whistled: departments are handling it)"),
            Map.entry(RequestStatus.AWAITING_DECISION,
                    "部门答复未完全解决，网格研究后续办理 (not fully fixed by the departments: the grid decides next)"),
            Map.entry(RequestStatus.VERIFYING, "网格员现场核查中 (being verified on site)"),
            Map.entry(RequestStatus.AWAITING_FEEDBACK, "已办理，待居民评价 (handled, awaiting the resident's rating)"),
            Map.entry(RequestStatus.RETURN_VISIT, "已办理，回访中 (handled, the grid is calling the resident back)"),
            Map.entry(RequestStatus.CLOSED, "已办结 (closed)"));

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

    /** A request as the public sees it: only what the city's {@link PublicationPolicy} let through. */
    static Open311Document.Fields request(PublicationPolicy.PublicRequest p, GridDirectory grids, ZoneId zone) {
        ServiceRequest r = p.request();
        Category category = Category.byCode(r.category).orElse(null);
        return Open311Document.fields()
                .with("service_request_id", r.id)
                .with("status", r.status.open() ? "open" : "closed")
                .with("status_notes", statusNotes(r, p.note()))
                .with("service_name", category == null ? r.category : category.nameZh())
                .with("service_code", r.category)
                .with("description", p.description())
                .with("agency_responsible", agency(r.gridCode, grids))
                .with("service_notice", null)
                .with("requested_datetime", datetime(r.createdAt, zone))
                .with("updated_datetime", datetime(r.updatedAt, zone))
                .with("expected_datetime", null)
                .with("address", p.address())
                .with("address_id", null)
                .with("zipcode", null)
                .with("lat", p.latitude())
                .with("long", p.longitude())
                .with("media_url", p.mediaUrl());
    }

    /**
     * The status in words, with why: the case a duplicate follows, the outcome, and the handler's note as the policy
     * publishes it (masked, or not at all). Rejected requests are never published, so their reasons never appear.
     */
    static String statusNotes(ServiceRequest r, String publishedNote) {
        StringBuilder note = new StringBuilder(NOTES.getOrDefault(r.status, r.status.name()));
        if (r.mergedInto != null) {
            note.append(": ").append(r.mergedInto);
        } else if (r.outcome != null) {
            note.append(": ").append(r.outcome);
        }
        if (publishedNote != null && !publishedNote.isBlank()) {
            note.append(" — ").append(publishedNote);
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
