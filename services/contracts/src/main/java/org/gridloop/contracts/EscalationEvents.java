package org.gridloop.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Payloads of the events escalation publishes on {@link Topics#ESCALATIONS}: a case lifted up the ladder
 * (上提一级: grid → community → street → district → city) and what the supervisors decided.
 */
public final class EscalationEvents {

    /**
     * A missed limit, an undecided dispute or a raise on purpose opened an escalation. {@code trigger}: the escalation
     * service's trigger code (REPORT_IN_MISSED, RESOLUTION_MISSED, DISPUTE_UNDECIDED, ACCEPTANCE_MISSED,
     * GRID_HANDLING_MISSED, VERIFICATION_MISSED, FEEDBACK_MISSED, RETURN_VISIT_MISSED, CALLER_DECISION_MISSED, RAISED
     * by the grid, SUPERVISOR_RAISED by a community or street supervisor, ...). {@code level}: the level it entered
     * at, COMMUNITY, STREET, DISTRICT or CITY; {@code unit} the code of the unit whose supervisors must act by
     * {@code due}; {@code department} the stalled department, if any. {@code raisedBy} and {@code note} (added in
     * place: optional, null from older producers and for missed limits): the supervisor who raised it on purpose,
     * and why.
     */
    public record Raised(String requestId, String escalationId, String trigger, String department, String gridCode,
                         String level, String unit, Instant due, String raisedBy, String note) {

        /** Opened by a missed limit (and as producers before {@code raisedBy} announced it). */
        public Raised(String requestId, String escalationId, String trigger, String department, String gridCode,
                      String level, String unit, Instant due) {
            this(requestId, escalationId, trigger, department, gridCode, level, unit, due, null, null);
        }
    }

    /** Unanswered at {@code fromLevel} by its due time: lifted one level up. */
    public record Lifted(String requestId, String escalationId, String fromLevel, String level, String unit,
                         Instant due) {
    }

    /**
     * A supervisor's decision (see {@link EscalationDecision}): COORDINATE (会商联办: the {@code departments} named
     * are convened, each with its own limits, with {@code note}), NEW_DEADLINE (for {@code department}, until
     * {@code newDeadline}), REASSIGN (from {@code department} to {@code toDepartment}) or ORDER_CLOSING (the case is
     * closed by order). A code this version does not know decodes as null; {@code departments} is optional (added
     * after v1's first producers: empty from them).
     */
    public record Decided(String requestId, String escalationId, String level, String unit, String supervisor,
                          EscalationDecision decision, String department, String toDepartment, Instant newDeadline,
                          String note, List<String> departments) {

        public Decided {
            departments = departments == null ? List.of() : List.copyOf(departments);
        }

        /** A decision that convenes nobody. */
        public Decided(String requestId, String escalationId, String level, String unit, String supervisor,
                       EscalationDecision decision, String department, String toDepartment, Instant newDeadline,
                       String note) {
            this(requestId, escalationId, level, unit, supervisor, decision, department, toDepartment, newDeadline,
                    note, List.of());
        }
    }

    /** The escalation is over: RESOLVED (the case moved on), DECIDED, or CLOSED (the case closed). */
    public record Ended(String requestId, String escalationId, EscalationEndReason reason) {
    }

    /**
     * 街道对职能部门的评价: the grid or street that called {@code department} into {@code round} of a case rated its
     * response: {@code attitude} and {@code result}, each 1 to 5, with an optional {@code note} (a staff note). Once
     * per case, round and department; who rated is the event's actor. {@code gridCode}: the case's grid.
     */
    public record DepartmentRated(String requestId, int round, String department, String gridCode, int attitude,
                                  int result, String note) {
    }

    private EscalationEvents() {
    }
}
