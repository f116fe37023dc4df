package org.gridloop.escalation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.RequestEvents;

import java.time.Instant;

/**
 * One case as the timeline sees it, folded from its events. Events of one request arrive in order per topic, but
 * the topics interleave freely, so every field is filled from whichever event carries it, and the status only
 * follows a lifecycle event that is not older than the one it came from. Closed is final.
 */
@Entity
@Table(name = "case_file")
public class CaseFile extends PanacheEntityBase {

    @Id
    @Column(name = "request_id")
    public String requestId;

    @Column(name = "grid_code", length = 15)
    public String gridCode;

    public String category;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CaseStatus status;

    @Column(name = "status_at")
    public Instant statusAt;

    public String source;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Enumerated(EnumType.STRING)
    public CaseOutcome outcome;

    public Integer rating;

    @Column(name = "rework_count")
    public int reworkCount;

    public int round;

    @Column(name = "last_event_at")
    public Instant lastEventAt;

    @Version
    public long version;

    /** Folds one event into the case; {@code occurredAt} is the event's time. */
    public void apply(CloudEvent<?> event, Instant occurredAt) {
        Object data = event.data();
        if (lastEventAt == null || occurredAt.isAfter(lastEventAt)) {
            lastEventAt = occurredAt;
        }
        if (data instanceof RequestEvents.Submitted s) {
            locate(s.gridCode(), s.category());
            source = s.source();
            submittedAt = s.submittedAt() != null ? s.submittedAt() : occurredAt;
            advance(CaseStatus.SUBMITTED, occurredAt);
        } else if (data instanceof RequestEvents.Accepted a) {
            locate(a.gridCode(), a.category());
            advance(CaseStatus.ACCEPTED, occurredAt);
        } else if (data instanceof RequestEvents.Rejected) {
            advance(CaseStatus.REJECTED, occurredAt);
        } else if (data instanceof RequestEvents.Merged) {
            advance(CaseStatus.MERGED, occurredAt);
        } else if (data instanceof RequestEvents.RoutedToGrid r) {
            locate(r.gridCode(), null);
            advance(CaseStatus.GRID_HANDLING, occurredAt);
        } else if (data instanceof RequestEvents.Whistled w) {
            locate(w.gridCode(), w.category());
            round = Math.max(round, w.round());
            advance(CaseStatus.WHISTLED, occurredAt);
        } else if (data instanceof RequestEvents.VerificationRequested v) {
            locate(v.gridCode(), null);
            advance(CaseStatus.VERIFYING, occurredAt);
        } else if (data instanceof RequestEvents.FeedbackRequested) {
            // a merged report's reporter is asked to rate the case it followed: the report itself stays MERGED
            if (status != CaseStatus.MERGED) {
                advance(CaseStatus.AWAITING_FEEDBACK, occurredAt);
            }
        } else if (data instanceof RequestEvents.DecisionRequested d) {
            locate(d.gridCode(), null);
            advance(CaseStatus.AWAITING_DECISION, occurredAt);
        } else if (data instanceof RequestEvents.ReturnVisitRequested) {
            advance(CaseStatus.RETURN_VISIT, occurredAt);
        } else if (data instanceof RequestEvents.Rated r) {
            if (status != CaseStatus.CLOSED) {
                rating = r.rating();
            }
        } else if (data instanceof RequestEvents.ReturnVisited v) {
            if (status != CaseStatus.CLOSED && v.rating() != null) {
                rating = v.rating();
            }
        } else if (data instanceof RequestEvents.Reopened r) {
            reworkCount = Math.max(reworkCount, r.reworkCount());
            advance(CaseStatus.REOPENED, occurredAt);
        } else if (data instanceof RequestEvents.Closed c) {
            if (advance(CaseStatus.CLOSED, occurredAt)) {
                outcome = c.outcome();
                closedAt = occurredAt;
                if (c.rating() != null) {
                    rating = c.rating();
                }
            }
        } else if (data instanceof RequestEvents.Claimed c) {
            locate(c.gridCode(), null);
        } else if (data instanceof RequestEvents.WhistleBlown b) {
            locate(b.gridCode(), null);
        } else if (data instanceof RequestEvents.HandledOnSite h) {
            locate(h.gridCode(), null);
        } else if (data instanceof RequestEvents.LimitMissed l) {
            locate(l.gridCode(), null);
        } else if (data instanceof DispatchEvents.Started d) {
            locate(d.gridCode(), d.category());
            round = Math.max(round, d.round());
        }
    }

    private void locate(String grid, String cat) {
        if (grid != null) {
            gridCode = grid;
        }
        if (cat != null) {
            category = cat;
        }
    }

    /** Takes the status of a lifecycle event unless the case is closed or a later lifecycle event was applied. */
    private boolean advance(CaseStatus next, Instant at) {
        if (status == CaseStatus.CLOSED) {
            return false;
        }
        if (statusAt != null && at.isBefore(statusAt)) {
            return false;
        }
        status = next;
        statusAt = at;
        return true;
    }
}
