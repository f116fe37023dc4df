package org.gridloop.intake.rest;

import org.gridloop.intake.domain.ServiceRequest;

import java.time.Instant;
import java.util.List;

/** A request as residents, grid workers and supervisors see it: never the reporter's contact details. */
public record RequestView(String id, String status, String category, String description, double latitude,
                          double longitude, String address, String gridCode, List<String> photoUrls, String source,
                          int round, int reworkCount, Integer rating, String outcome, String statusNote,
                          String rejectReason, String mergedInto, Instant createdAt, Instant updatedAt) {

    public static RequestView of(ServiceRequest r) {
        return new RequestView(r.id, r.status.name(), r.category, r.description, r.latitude, r.longitude, r.address,
                r.gridCode, r.photoUrls == null ? List.of() : r.photoUrls, r.source, r.round, r.reworkCount, r.rating,
                r.outcome, r.statusNote, r.rejectReason, r.mergedInto, r.createdAt, r.updatedAt);
    }
}
