package org.gridloop.reportin.rest;

import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.domain.DispatchNote;

import java.time.Instant;
import java.util.List;

/** A dispatch round as departments and supervisors see it: what to fix, where, and who is on it. */
public record DispatchView(String requestId, int round, String status, String category, String description,
                           Double latitude, Double longitude, String address, String gridCode, String district,
                           boolean fallback, boolean closedByOrder, Instant createdAt, Instant resolvedAt,
                           List<AssignmentView> departments, List<NoteView> journal) {

    public static DispatchView of(Dispatch d, List<DepartmentAssignment> assignments, List<DispatchNote> notes) {
        return new DispatchView(d.requestId, d.round, d.status.name(), d.category, d.description, d.latitude,
                d.longitude, d.address, d.gridCode, d.district, d.fallback, d.closedByOrder, d.createdAt,
                d.resolvedAt, assignments.stream().map(AssignmentView::of).toList(),
                notes.stream().map(NoteView::of).toList());
    }
}
