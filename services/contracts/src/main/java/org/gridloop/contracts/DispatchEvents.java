package org.gridloop.contracts;

import java.time.Instant;
import java.util.List;

/** Payloads of the events report-in publishes on {@link Topics#DISPATCHES}. */
public final class DispatchEvents {

    /** A department called by a whistle: lead or co-handling, with its two time limits. */
    public record CalledDepartment(String department, String role, Instant reportInDue, Instant resolveDue) {
    }

    /** The routing table chose the departments; {@code fallback} when no rule matched and the district owns it. */
    public record Started(String requestId, int round, String category, String gridCode, String district,
                          boolean fallback, List<CalledDepartment> departments) {
    }

    /** 报到: the department acknowledged the whistle. */
    public record ReportedIn(String requestId, int round, String department) {
    }

    public record Progressed(String requestId, int round, String department, String note) {
    }

    /** The department's answer (a note with it unless FIXED). */
    public record Answered(String requestId, int round, String department, AnswerResult result, String note) {
    }

    /** The department disputes jurisdiction. */
    public record Disputed(String requestId, int round, String department, String reason) {
    }

    /** A supervisor decided a dispute: CONFIRMED (the department keeps it) or REROUTED to another department. */
    public record DisputeDecided(String requestId, int round, String department, DisputeDecision decision,
                                 String toDepartment, String note) {
    }

    /**
     * A limit passed for one department. {@code limit}: REPORT_IN, RESOLUTION or DISPUTE_DECISION (a dispute no
     * supervisor decided in time). {@code gridCode} (added in place: optional, may be null from older producers)
     * names the case's grid, so whoever escalates it needs no other event first. {@code departmentUnit} (added in
     * place: optional, null from older producers) is the unit the department belongs to in report-in's directory
     * (a district's code, or the city's), so that escalation lets the level that can command it take the stall.
     */
    public record LimitMissed(String requestId, int round, String department, DispatchLimit limit, Instant due,
                              String gridCode, String departmentUnit) {

        /** As producers before {@code departmentUnit} announced it. */
        public LimitMissed(String requestId, int round, String department, DispatchLimit limit, Instant due,
                           String gridCode) {
            this(requestId, round, department, limit, due, gridCode, null);
        }
    }

    /** One department's answer; {@code result} is null when the dispatch was closed by order before it answered. */
    public record Answer(String department, String role, AnswerResult result, String note) {
    }

    /**
     * 会商联办: a supervisor's COORDINATE decision convened these departments into {@code round} (each co-handling,
     * with its own report-in and resolution limits counted from the decision).
     */
    public record Convened(String requestId, int round, String gridCode, String escalationId, String supervisor,
                           List<CalledDepartment> departments) {
    }

    /** Every called department is done; the answers go back to grid-intake. */
    public record Resolved(String requestId, int round, List<Answer> answers) {
    }

    private DispatchEvents() {
    }
}
