package org.gridloop.escalation.domain;

/**
 * The stages whose cycle times are measured per case, from the first time the case entered the stage to the first
 * time it left it; p50 and p90 as PostgreSQL's {@code percentile_cont} over the cases of the unit and period (for an
 * area unit read from the histograms in {@code cycle_day}, kept by {@code repository/Aggregates}).
 */
public enum CycleStage {
    FIRST_CONTACT("首次响应", "submitted → a person first took it in hand (a grid worker claimed it, handled it on site "
            + "or blew the whistle, or a department reported in; an acceptance by a person is not told apart from an "
            + "automatic one and does not count)", "first_contact_at", "submitted_at"),
    ACCEPTANCE("受理", "submitted → accepted", "accepted_at", "submitted_at"),
    ROUTING("分流", "accepted → routed to the grid or whistled", "routed_at", "accepted_at"),
    REPORT_IN("报到", "whistled → every department of the first round reported in", "all_reported_in_at",
            "whistled_at"),
    HANDLING("办理", "routed → handled on site or every department answered", "handled_at", "routed_at"),
    VERIFICATION("核查", "verification requested → verified", "verified_at", "verification_requested_at"),
    FEEDBACK("反馈", "feedback requested → first rating", "first_rated_at", "feedback_requested_at"),
    CLOSING("办结", "submitted → closed (the whole loop)", "closed_at", "submitted_at");

    private final String label;
    private final String definition;
    private final String end;
    private final String start;

    CycleStage(String label, String definition, String end, String start) {
        this.label = label;
        this.definition = definition;
        this.end = end;
        this.start = start;
    }

    public String label() {
        return label;
    }

    public String definition() {
        return definition;
    }

    /** Seconds spent in the stage, NULL while the case has not been through it. */
    public String secondsSql() {
        return "EXTRACT(EPOCH FROM (c." + end + " - c." + start + "))";
    }
}
