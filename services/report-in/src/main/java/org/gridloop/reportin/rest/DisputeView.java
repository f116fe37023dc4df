package org.gridloop.reportin.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;

import java.time.Instant;

/**
 * An open jurisdiction dispute, for the supervisor who decides it: which department disputes which case, since when
 * and why, with the case details and the department's limits. Codes only (department, role, category): the pages
 * word them.
 */
@Schema(description = "An open jurisdiction dispute (the department DISPUTED in the case's current, open round)")
public record DisputeView(String requestId, int round, String department, String role, Instant disputedAt,
                          @Schema(description = "the department's reason, as it typed it") String reason,
                          Instant reportInDue, Instant resolveDue, String category, String description,
                          String address, String gridCode, Instant calledAt) {

    public static DisputeView of(DepartmentAssignment a, Dispatch d) {
        return new DisputeView(a.requestId, a.round, a.department, a.role, a.disputedAt, a.disputeReason,
                a.reportInDue, a.resolveDue, d == null ? null : d.category, d == null ? null : d.description,
                d == null ? null : d.address, d == null ? null : d.gridCode, a.createdAt);
    }
}
