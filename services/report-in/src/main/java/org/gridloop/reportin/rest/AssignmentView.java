package org.gridloop.reportin.rest;

import org.gridloop.reportin.domain.DepartmentAssignment;

import java.time.Instant;

/** One called department: its role, status, limits and answer. */
public record AssignmentView(String department, String role, String status, Instant reportInDue, Instant resolveDue,
                             Instant reportedInAt, Instant answeredAt, String result, String note,
                             boolean reportInMissed, boolean resolutionMissed, Instant disputedAt,
                             String disputeReason) {

    public static AssignmentView of(DepartmentAssignment a) {
        return new AssignmentView(a.department, a.role, a.status.name(), a.reportInDue, a.resolveDue, a.reportedInAt,
                a.answeredAt, a.result == null ? null : a.result.name(), a.note, a.reportInMissed,
                a.resolutionMissed, a.disputedAt, a.disputeReason);
    }
}
