package org.gridloop.reportin.rest;

import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;

import java.time.Instant;

/** A line of a department's list: its own assignment with the case details it needs to act. */
public record TaskView(String requestId, int round, String department, String role, String status,
                       Instant reportInDue, Instant resolveDue, boolean reportInMissed, boolean resolutionMissed,
                       String category, String description, Double latitude, Double longitude, String address,
                       String gridCode, String dispatchStatus, Instant calledAt) {

    public static TaskView of(DepartmentAssignment a, Dispatch d) {
        return new TaskView(a.requestId, a.round, a.department, a.role, a.status.name(), a.reportInDue,
                a.resolveDue, a.reportInMissed, a.resolutionMissed, d == null ? null : d.category,
                d == null ? null : d.description, d == null ? null : d.latitude, d == null ? null : d.longitude,
                d == null ? null : d.address, d == null ? null : d.gridCode,
                d == null ? null : d.status.name(), a.createdAt);
    }
}
