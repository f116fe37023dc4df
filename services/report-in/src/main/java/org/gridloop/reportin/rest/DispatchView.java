package org.gridloop.reportin.rest;

import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;

import java.time.Instant;
import java.util.List;

/** A dispatch round as departments and supervisors see it: what to fix, where, and who is on it. */
public record DispatchView(String requestId, int round, String status, String category, String description,
                           Double latitude, Double longitude, String address, String gridCode, String district,
                           boolean fallback, Instant createdAt, Instant resolvedAt, List<AssignmentView> departments) {

    public static DispatchView of(Dispatch d, List<DepartmentAssignment> assignments) {
        return new DispatchView(d.requestId, d.round, d.status.name(), d.category, d.description, d.latitude,
                d.longitude, d.address, d.gridCode, d.district, d.fallback, d.createdAt, d.resolvedAt,
                assignments.stream().map(AssignmentView::of).toList());
    }
}
