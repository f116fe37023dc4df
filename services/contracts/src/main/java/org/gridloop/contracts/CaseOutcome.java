package org.gridloop.contracts;

/**
 * How a resident's request ended ({@link RequestEvents.Closed#outcome()}): grid-intake closes the case, escalation
 * evaluates the units by it (resolution and satisfaction rates, on-time closing). On the wire each is its name.
 */
public enum CaseOutcome {
    /** Handled, and the resident satisfied (or nobody to ask: found and handled on patrol). */
    RESOLVED,
    /** Rated unsatisfied after the last rework the limit allows. */
    UNSATISFIED,
    /** Refused at acceptance (受理), with a {@link RejectReason}. */
    REJECTED,
    /** The same problem as an open case nearby: the reporter follows that one. */
    MERGED,
    /**
     * 未评价: handled, but the resident gave no rating, neither in time nor to the return visit (回访: nobody reached).
     * Counted apart; never escalated for the missing rating.
     */
    NOT_EVALUATED,
    /**
     * 无法解决: a department could not fix it and the caller closed it, with the explanation the resident reads.
     */
    NOT_SOLVABLE,
    /** 责令办结: a supervisor's order closed it wherever it stood. */
    CLOSED_BY_ORDER
}
