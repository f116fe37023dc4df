package org.gridloop.escalation.rest;

import org.gridloop.contracts.CaseOutcome;
import org.gridloop.escalation.domain.CaseFile;

import java.time.Instant;

/** A case's summary as supervisors audit it. */
public record CaseView(String requestId, String gridCode, String category, String status, String source,
                       Instant submittedAt, Instant closedAt, CaseOutcome outcome, Integer rating, int reworkCount,
                       int round, Instant lastEventAt) {

    public static CaseView of(CaseFile f) {
        return new CaseView(f.requestId, f.gridCode, f.category, f.status.name(), f.source, f.submittedAt,
                f.closedAt, f.outcome, f.rating, f.reworkCount, f.round, f.lastEventAt);
    }
}
