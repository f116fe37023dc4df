package org.gridloop.contracts;

/**
 * What a supervisor decided on an escalated case ({@link EscalationEvents.Decided#decision()}): escalation decides,
 * report-in moves the departments, grid-intake closes the case on {@link #ORDER_CLOSING}. On the wire (JSON, the
 * REST body, the event payload) each is its name.
 */
public enum EscalationDecision {
    /** 会商联办: the named departments are convened into the case's round, each with its own limits; with a note. */
    COORDINATE,
    /** 延期: the stalled department gets a later resolution limit. */
    NEW_DEADLINE,
    /** 改派: another department is called in the stalled one's place. */
    REASSIGN,
    /** 责令办结: the case is closed by order. */
    ORDER_CLOSING,
    /**
     * 上提一级 on purpose: this level cannot solve it (conditions, capacity, jurisdiction): the escalation climbs to the
     * next level now, with the reason in the note, instead of ending. Not at the city.
     */
    RAISE;

    /** Whether the decision concerns one department (which then must be named). */
    public boolean movesDepartment() {
        return this == NEW_DEADLINE || this == REASSIGN;
    }
}
