package org.gridloop.escalation.domain;

import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEndReason;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.UnitCodes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a batch of events changes in the evaluation facts ({@code case_fact}, {@code dispatch_fact},
 * {@code escalation_fact}), merged in memory to one change per fact row, so that a batch writes each fact table
 * with one statement however many events it holds (and the aggregate triggers run once per statement).
 *
 * <p>Every column is folded so that the order of events does not matter, in memory exactly as the upsert then folds
 * the change into the stored row: first times with LEAST ({@link #min}), last times and dues with GREATEST
 * ({@link #max}), flags with OR; the rating follows the latest rating time and the outcome the earliest closing
 * (a tie goes to the event applied later, as one event at a time did). A grid, a call and a raise are taken as the
 * last event said them.
 */
public final class FactChanges {

    /** Periods are days in the city's time zone. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final Map<String, CaseChange> cases = new LinkedHashMap<>();
    private final Map<DispatchKey, DispatchChange> dispatches = new LinkedHashMap<>();
    private final Map<String, EscalationChange> escalations = new LinkedHashMap<>();
    private final Map<RoundKey, RoundChange> rounds = new LinkedHashMap<>();
    private final java.util.Set<Link> links = new java.util.TreeSet<>();

    /** A case that led to a proactive case (未诉先办): {@code case_link}'s row. */
    public record Link(String requestId, String proactiveRequestId) implements Comparable<Link> {
        @Override
        public int compareTo(Link o) {
            int c = requestId.compareTo(o.requestId);
            return c != 0 ? c : proactiveRequestId.compareTo(o.proactiveRequestId);
        }
    }

    /** One {@code case_fact} row's change; null fields change nothing. */
    public static final class CaseChange {
        public final String requestId;
        public String gridCode;
        /** The report's category, or the one it was accepted as ({@code categoryAccepted}): that one wins. */
        public String category;
        public boolean categoryAccepted;
        /** How it was found: resident, patrol, open311 or proactive. */
        public String source;
        public String placeKey;
        /** No routing rule matched: the district took it (兜底). */
        public boolean fallback;
        /** A person first took it in hand: claimed, handled on site, whistled by the grid, a department reported in. */
        public Instant firstContactAt;
        public Instant submittedAt;
        public Instant acceptedAt;
        public Instant routedAt;
        public Instant whistledAt;
        public Instant handledAt;
        public Instant finishedAt;
        public Instant verificationRequestedAt;
        public Instant verifiedAt;
        public Instant feedbackRequestedAt;
        public Instant firstRatedAt;
        public Instant ratedAt;
        public Integer rating;
        public int reworkCount;
        public Instant dueAt;
        public boolean deferred;
        public boolean limitMissed;
        public Instant closedAt;
        public CaseOutcome outcome;
        /** The batch called or heard from departments: recount whether all of the first round reported in. */
        public boolean recountReportedIn;

        CaseChange(String requestId) {
            this.requestId = requestId;
        }

        /** The day the case belongs to: the day of its (first) submission. */
        public LocalDate day() {
            return submittedAt == null ? null : FactChanges.day(submittedAt);
        }

        void rated(Instant at, int value) {
            firstRatedAt = min(firstRatedAt, at);
            if (ratedAt == null || !at.isBefore(ratedAt)) {
                rating = value;
            }
            ratedAt = max(ratedAt, at);
        }

        void closed(Instant at, CaseOutcome how) {
            if (closedAt == null || !at.isAfter(closedAt)) {
                outcome = how;
            }
            closedAt = min(closedAt, at);
        }

        void handled(Instant at) {
            handledAt = min(handledAt, at);
            finishedAt = max(finishedAt, at);
            contacted(at);
        }

        void contacted(Instant at) {
            firstContactAt = min(firstContactAt, at);
        }

        void categorised(String value, boolean accepted) {
            if (value != null && (accepted || !categoryAccepted)) {
                category = value;
                categoryAccepted |= accepted;
            }
        }
    }

    /** A department called in a round: {@code dispatch_fact}'s key. */
    public record DispatchKey(String requestId, int round, String department) {
    }

    /** One {@code dispatch_fact} row's change; {@code calledAt} is set when the batch holds the call. */
    public static final class DispatchChange {
        public final DispatchKey key;
        public String gridCode;
        public LocalDate day;
        public Instant calledAt;
        public Instant reportInDue;
        public Instant resolveDue;
        public Instant reportedInAt;
        public Instant answeredAt;
        public AnswerResult result;
        /** The caller's rating of the department's response (街道对职能部门的评价), 1 to 5 each. */
        public Integer attitude;
        public Integer ratedResult;
        public Instant ratedAt;

        DispatchChange(DispatchKey key) {
            this.key = key;
        }
    }

    /** A round of departments called into a case: {@code round_fact}'s key. */
    public record RoundKey(String requestId, int round) {
    }

    /**
     * What counts against every department of a round ({@code round_fact}, copied to the round's calls): its
     * verification on site failed, or the resident sent its answer back (返工). Flags: true once, true for good.
     */
    public static final class RoundChange {
        public final RoundKey key;
        public boolean verificationFailed;
        public boolean reopened;

        RoundChange(RoundKey key) {
            this.key = key;
        }
    }

    /** One {@code escalation_fact} row's change; {@code raisedAt} is set when the batch holds the raise. */
    public static final class EscalationChange {
        public final String escalationId;
        public final String requestId;
        public String gridCode;
        public String department;
        public String trigger;
        public LocalDate day;
        public Instant raisedAt;
        public String raisedLevel;
        /** Levels climbed (lifted to the street: 1); null when the batch holds no lift. */
        public Integer lifts;
        public String liftedLevel;
        public String decision;
        public Instant endedAt;
        public EscalationEndReason endReason;

        EscalationChange(String escalationId, String requestId) {
            this.escalationId = escalationId;
            this.requestId = requestId;
        }

        /** The level a new row starts at: the highest lift's, else the raise's. */
        public String level() {
            return lifts != null ? liftedLevel : raisedLevel;
        }
    }

    public Collection<CaseChange> cases() {
        return cases.values();
    }

    /** The links the batch's proactive cases made, in key order. */
    public Collection<Link> links() {
        return links;
    }

    public Collection<DispatchChange> dispatches() {
        return dispatches.values();
    }

    public Collection<EscalationChange> escalations() {
        return escalations.values();
    }

    public Collection<RoundChange> rounds() {
        return rounds.values();
    }

    /** Folds one event of the case {@code requestId} that happened {@code at} into the changes. */
    public void add(String requestId, Object data, Instant at) {
        boolean facts = request(requestId, data, at) || dispatch(requestId, data, at) || escalation(requestId, data, at);
        String grid = data instanceof EscalationEvents.Raised r ? r.gridCode() : CaseGrid.of(data);
        if (facts || grid != null) {
            CaseChange c = caseOf(requestId);
            if (grid != null) {
                c.gridCode = grid;
            }
        }
    }

    /** The request's own steps; true when the event is one of them. */
    private boolean request(String requestId, Object data, Instant at) {
        if (data instanceof RequestEvents.Submitted s) {
            CaseChange c = caseOf(requestId);
            c.submittedAt = min(c.submittedAt, s.submittedAt() != null ? s.submittedAt() : at);
            c.categorised(s.category(), false);
            c.source = s.source();
            if (s.location() != null) {
                c.placeKey = PlaceKey.of(s.location().latitude(), s.location().longitude());
            }
            if (s.linkedRequestIds() != null) {
                for (String linked : s.linkedRequestIds()) {
                    if (linked != null && !linked.isBlank() && linked.length() <= 64) {
                        links.add(new Link(linked, requestId));
                    }
                }
            }
        } else if (data instanceof RequestEvents.Accepted a) {
            CaseChange c = caseOf(requestId);
            c.acceptedAt = min(c.acceptedAt, at);
            c.categorised(a.category(), true);
        } else if (data instanceof RequestEvents.Claimed || data instanceof RequestEvents.WhistleBlown) {
            caseOf(requestId).contacted(at);
        } else if (data instanceof RequestEvents.Merged m) {
            // a duplicate: never accepted nor closed, but its reporter's own rating counts where it was reported, and
            // it is one more report of its kind at its place (the hotspots)
            CaseChange c = caseOf(requestId);
            c.submittedAt = min(c.submittedAt, at);
            c.outcome = CaseOutcome.MERGED;
            c.categorised(m.category(), false);
            c.source = m.source();
            if (m.location() != null) {
                c.placeKey = PlaceKey.of(m.location().latitude(), m.location().longitude());
            }
        } else if (data instanceof RequestEvents.RoutedToGrid r) {
            CaseChange c = caseOf(requestId);
            c.routedAt = min(c.routedAt, at);
            c.dueAt = max(c.dueAt, r.handleDue());
        } else if (data instanceof RequestEvents.Whistled) {
            CaseChange c = caseOf(requestId);
            c.routedAt = min(c.routedAt, at);
            c.whistledAt = min(c.whistledAt, at);
        } else if (data instanceof RequestEvents.HandledOnSite) {
            caseOf(requestId).handled(at);
        } else if (data instanceof RequestEvents.VerificationRequested) {
            CaseChange c = caseOf(requestId);
            c.verificationRequestedAt = min(c.verificationRequestedAt, at);
        } else if (data instanceof RequestEvents.Verified v) {
            caseOf(requestId).verifiedAt = min(caseOf(requestId).verifiedAt, at);
            if (!v.passed()) {
                // 核查未通过: counts against every department of the round verified
                roundOf(requestId, v.round()).verificationFailed = true;
            }
        } else if (data instanceof RequestEvents.FeedbackRequested) {
            CaseChange c = caseOf(requestId);
            c.feedbackRequestedAt = min(c.feedbackRequestedAt, at);
        } else if (data instanceof RequestEvents.Rated r) {
            caseOf(requestId).rated(at, r.rating());
        } else if (data instanceof RequestEvents.ReturnVisited v && v.rating() != null) {
            // 回访: the resident's answer on the phone is their rating
            caseOf(requestId).rated(at, v.rating());
        } else if (data instanceof RequestEvents.Reopened r) {
            CaseChange c = caseOf(requestId);
            c.reworkCount = Math.max(c.reworkCount, r.reworkCount());
            if (r.round() != null) {
                // 返工 of the departments' answer: counts against every department of that round
                roundOf(requestId, r.round()).reopened = true;
            }
        } else if (data instanceof RequestEvents.LimitMissed) {
            caseOf(requestId).limitMissed = true;
        } else if (data instanceof RequestEvents.Closed c) {
            caseOf(requestId).closed(at, c.outcome());
        } else {
            return false;
        }
        return true;
    }

    /** A department called into {@code round} at {@code at} (by the routing table, or convened): its call's fact. */
    private void called(String requestId, int round, String gridCode, DispatchEvents.CalledDepartment d, Instant at) {
        DispatchChange call = dispatchOf(requestId, round, d.department());
        call.gridCode = gridCode;
        call.day = day(at);
        call.calledAt = at;
        call.reportInDue = d.reportInDue();
        call.resolveDue = d.resolveDue();
    }

    /** The departments' steps; true when the event is one of them. */
    private boolean dispatch(String requestId, Object data, Instant at) {
        if (data instanceof DispatchEvents.Started s) {
            CaseChange c = caseOf(requestId);
            for (DispatchEvents.CalledDepartment d : s.departments()) {
                called(requestId, s.round(), s.gridCode(), d, at);
                c.dueAt = max(c.dueAt, d.resolveDue());
            }
            c.fallback |= s.fallback();
            c.recountReportedIn = true;
        } else if (data instanceof DispatchEvents.Convened v) {
            // 会商联办: each convened department is called, counted like the round's own (响应率 included)
            for (DispatchEvents.CalledDepartment d : v.departments()) {
                called(requestId, v.round(), v.gridCode(), d, at);
            }
            caseOf(requestId).recountReportedIn = true;
        } else if (data instanceof DispatchEvents.ReportedIn r) {
            DispatchChange call = dispatchOf(requestId, r.round(), r.department());
            call.reportedInAt = min(call.reportedInAt, at);
            caseOf(requestId).recountReportedIn = true;
            caseOf(requestId).contacted(at);
        } else if (data instanceof DispatchEvents.Answered a) {
            DispatchChange call = dispatchOf(requestId, a.round(), a.department());
            call.answeredAt = min(call.answeredAt, at);
            if (a.result() != null) {
                call.result = a.result();
            }
        } else if (data instanceof DispatchEvents.LimitMissed) {
            caseOf(requestId).limitMissed = true;
        } else if (data instanceof DispatchEvents.Resolved) {
            caseOf(requestId).handled(at);
        } else {
            return false;
        }
        return true;
    }

    /** The escalation's steps; true when the event is one of them. */
    private boolean escalation(String requestId, Object data, Instant at) {
        if (data instanceof EscalationEvents.Raised r) {
            EscalationChange e = escalationOf(r.escalationId(), requestId);
            e.gridCode = r.gridCode();
            e.department = r.department();
            e.trigger = r.trigger();
            e.day = day(at);
            e.raisedAt = at;
            e.raisedLevel = r.level();
        } else if (data instanceof EscalationEvents.Lifted l) {
            EscalationChange e = escalationOf(l.escalationId(), requestId);
            int lifts = UnitCodes.Level.valueOf(l.level()).ordinal() - 1;
            if (e.lifts == null || lifts >= e.lifts) {
                e.lifts = lifts;
                e.liftedLevel = l.level();
            }
        } else if (data instanceof EscalationEvents.Decided d) {
            escalationOf(d.escalationId(), requestId).decision = d.decision() == null ? null : d.decision().name();
            if (d.decision() == EscalationDecision.NEW_DEADLINE) {
                // 缓办: a supervisor granted more time; the case leaves the on-time closing figure
                CaseChange c = caseOf(requestId);
                c.deferred = true;
                c.dueAt = max(c.dueAt, d.newDeadline());
            }
        } else if (data instanceof EscalationEvents.Ended e) {
            EscalationChange change = escalationOf(e.escalationId(), requestId);
            change.endedAt = min(change.endedAt, at);
            change.endReason = e.reason();
        } else if (data instanceof EscalationEvents.DepartmentRated r) {
            // rated once per call (the rating's own record enforces it): the earliest rating stands
            DispatchChange call = dispatchOf(requestId, r.round(), r.department());
            if (call.ratedAt == null || at.isBefore(call.ratedAt)) {
                call.attitude = r.attitude();
                call.ratedResult = r.result();
                call.ratedAt = at;
            }
        } else {
            return false;
        }
        return true;
    }

    private CaseChange caseOf(String requestId) {
        return cases.computeIfAbsent(requestId, CaseChange::new);
    }

    private DispatchChange dispatchOf(String requestId, int round, String department) {
        return dispatches.computeIfAbsent(new DispatchKey(requestId, round, department), DispatchChange::new);
    }

    private RoundChange roundOf(String requestId, int round) {
        return rounds.computeIfAbsent(new RoundKey(requestId, round), RoundChange::new);
    }

    private EscalationChange escalationOf(String escalationId, String requestId) {
        return escalations.computeIfAbsent(escalationId, id -> new EscalationChange(id, requestId));
    }

    public static LocalDate day(Instant at) {
        return at.atZone(ZONE).toLocalDate();
    }

    static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
