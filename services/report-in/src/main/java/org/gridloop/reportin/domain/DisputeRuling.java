package org.gridloop.reportin.domain;

import org.gridloop.contracts.DisputeDecision;

/** What a supervisor tells report-in about a jurisdiction dispute (the REST command's code). */
public enum DisputeRuling {
    /** The department carries on. */
    CONFIRM(DisputeDecision.CONFIRMED),
    /** Another department is called in its place. */
    REROUTE(DisputeDecision.REROUTED);

    private final DisputeDecision decision;

    DisputeRuling(DisputeDecision decision) {
        this.decision = decision;
    }

    /** How the decision is announced ({@code dispatch.dispute-decided}). */
    public DisputeDecision decision() {
        return decision;
    }
}
