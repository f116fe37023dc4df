package org.gridloop.reportin.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.gridloop.contracts.AnswerResult;

import java.time.Instant;

/**
 * A department called by one dispatch round: lead (牵头) or co-handling (协办), its two limits, its answer.
 * Status: CALLED, REPORTED_IN, ANSWERED; a dispute (DISPUTED) returns to where it was when confirmed, or ends the
 * assignment as REROUTED when another department is called in its place.
 */
@Entity
@Table(name = "department_assignment")
public class DepartmentAssignment extends PanacheEntityBase {

    public static final String LEAD = "lead";
    public static final String CO = "co";

    @Id
    public String id;

    @Column(name = "request_id", nullable = false)
    public String requestId;

    public int round;

    @Column(nullable = false)
    public String department;

    @Column(nullable = false)
    public String role;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AssignmentStatus status;

    @Column(name = "report_in_due", nullable = false)
    public Instant reportInDue;

    @Column(name = "resolve_due", nullable = false)
    public Instant resolveDue;

    @Column(name = "reported_in_at")
    public Instant reportedInAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Enumerated(EnumType.STRING)
    public AnswerResult result;

    @Column(length = 2000)
    public String note;

    @Column(name = "report_in_missed")
    public boolean reportInMissed;

    @Column(name = "resolution_missed")
    public boolean resolutionMissed;

    @Column(name = "disputed_at")
    public Instant disputedAt;

    @Column(name = "dispute_reason", length = 2000)
    public String disputeReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public long version;

    public static String id(String requestId, int round, String department) {
        return requestId + "/" + round + "/" + department;
    }

    public static DepartmentAssignment called(String requestId, int round, String department, String role,
                                              Instant reportInDue, Instant resolveDue) {
        DepartmentAssignment assignment = new DepartmentAssignment();
        assignment.id = id(requestId, round, department);
        assignment.requestId = requestId;
        assignment.round = round;
        assignment.department = department;
        assignment.role = role;
        assignment.status = AssignmentStatus.CALLED;
        assignment.reportInDue = reportInDue;
        assignment.resolveDue = resolveDue;
        assignment.createdAt = Instant.now();
        return assignment;
    }

    /** 报到; false unless the department is still only called. */
    public boolean reportIn(Instant at) {
        if (status != AssignmentStatus.CALLED) {
            return false;
        }
        status = AssignmentStatus.REPORTED_IN;
        reportedInAt = at;
        return true;
    }

    /** 答复; false unless the department reported in and has not answered yet. */
    public boolean answer(AnswerResult result, String note, Instant at) {
        if (status != AssignmentStatus.REPORTED_IN) {
            return false;
        }
        status = AssignmentStatus.ANSWERED;
        this.result = result;
        this.note = note;
        answeredAt = at;
        return true;
    }

    /** Disputes jurisdiction; false unless CALLED or REPORTED_IN. */
    public boolean dispute(String reason, Instant at) {
        if (status != AssignmentStatus.CALLED && status != AssignmentStatus.REPORTED_IN) {
            return false;
        }
        status = AssignmentStatus.DISPUTED;
        disputedAt = at;
        disputeReason = reason;
        return true;
    }

    /** The dispute is decided against the department: it carries on where it was. */
    public boolean confirm() {
        if (status != AssignmentStatus.DISPUTED) {
            return false;
        }
        status = reportedInAt == null ? AssignmentStatus.CALLED : AssignmentStatus.REPORTED_IN;
        return true;
    }

    /** Another department is called in its place; false once it answered (or was replaced already). */
    public boolean reroute() {
        if (!status.open()) {
            return false;
        }
        status = AssignmentStatus.REROUTED;
        return true;
    }

    /** A supervisor's new resolution limit; the limit counts as not missed again until it passes. */
    public void newDeadline(Instant due) {
        resolveDue = due;
        resolutionMissed = false;
    }
}
