package org.gridloop.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Payloads of the events grid-intake publishes on {@link Topics#REQUESTS}. None carries a reporter's contact details.
 */
public final class RequestEvents {

    /** Where the problem is; {@code address} is free text and may be null when only coordinates are known. */
    public record Location(double latitude, double longitude, String address) {
    }

    /**
     * 发现: a resident submitted, a grid worker reported from patrol, another channel (open311), or a supervisor
     * opened a proactive case (未诉先办, source {@code proactive}). {@code photoIds}: the photos grid-intake keeps
     * ({@code GET /api/photos/{id}} for whoever may see the request); optional, added in place, null from older
     * producers. {@code linkedRequestIds}: the earlier cases a proactive case was opened from (the hotspot's cases,
     * closed ones included); optional, added in place, null for every other source and from older producers.
     */
    public record Submitted(String requestId, String source, String category, String description, Location location,
                            String gridCode, List<String> photoUrls, boolean anonymous, Instant submittedAt,
                            List<String> photoIds, List<String> linkedRequestIds) {

        public Submitted(String requestId, String source, String category, String description, Location location,
                         String gridCode, List<String> photoUrls, boolean anonymous, Instant submittedAt) {
            this(requestId, source, category, description, location, gridCode, photoUrls, anonymous, submittedAt,
                    null, null);
        }

        public Submitted(String requestId, String source, String category, String description, Location location,
                         String gridCode, List<String> photoUrls, boolean anonymous, Instant submittedAt,
                         List<String> photoIds) {
            this(requestId, source, category, description, location, gridCode, photoUrls, anonymous, submittedAt,
                    photoIds, null);
        }
    }

    /**
     * 受理 by a person: the routing table says this report needs a grid worker's acceptance (or rejection) by
     * {@code due}, the acceptance limit (the table's for the category, else the configured one).
     */
    public record AcceptanceRequested(String requestId, String gridCode, String category, Instant due) {
    }

    /** 受理: validated and classified; the process has taken it on. */
    public record Accepted(String requestId, String category, String gridCode) {
    }

    /** 受理 refused: out of scope, spam, not enough information. The resident sees the reason. */
    public record Rejected(String requestId, RejectReason reason, String note) {
    }

    /**
     * A duplicate of an open case nearby: the reporter now follows {@code intoRequestId}, and is asked to rate its
     * result on their own. {@code gridCode}: where the duplicate was reported; {@code category}, {@code source} and
     * {@code location}: what, how and where it was reported (a repeated report is what 未诉先办's hotspots count).
     * All four optional: added after v1's first producers, null from them.
     */
    public record Merged(String requestId, String intoRequestId, String gridCode, String category, String source,
                         Location location) {

        public Merged(String requestId, String intoRequestId, String gridCode) {
            this(requestId, intoRequestId, gridCode, null, null, null);
        }
    }

    /** 分流 to the grid: the grid's workers handle it on site. */
    public record RoutedToGrid(String requestId, String gridCode, Instant handleDue) {
    }

    /** A grid worker took (or gave back) the task. */
    public record Claimed(String requestId, String gridCode, String worker) {
    }

    public record Unclaimed(String requestId, String gridCode, String worker) {
    }

    /**
     * The grid handled it on site. {@code beforePhotoIds}/{@code afterPhotoIds}: the photos of the spot before and
     * after (处置前后对比) grid-intake keeps; optional, added in place, null from older producers.
     */
    public record HandledOnSite(String requestId, String gridCode, String note, List<String> photoUrls,
                                List<String> beforePhotoIds, List<String> afterPhotoIds) {

        public HandledOnSite(String requestId, String gridCode, String note, List<String> photoUrls) {
            this(requestId, gridCode, note, photoUrls, null, null);
        }
    }

    /** A grid worker looked and found the grid cannot solve it: blow the whistle, with the reason. */
    public record WhistleBlown(String requestId, String gridCode, String worker, String reason) {
    }

    /** 吹哨: departments are called. {@code round} grows when a failed verification reopens the dispatch. */
    public record Whistled(String requestId, int round, String category, String description, Location location,
                           String gridCode, String reason) {
    }

    /** 核查 asked of the grid worker after the departments answered. */
    public record VerificationRequested(String requestId, int round, String gridCode) {
    }

    /**
     * 核查 done: passed, or failed (sends it back to the departments). {@code photoIds}: what the verifier saw on site;
     * optional, added in place, null from older producers.
     */
    public record Verified(String requestId, int round, boolean passed, String note, List<String> photoIds) {

        public Verified(String requestId, int round, boolean passed, String note) {
            this(requestId, round, passed, note, null);
        }
    }

    /**
     * A department answered PARTLY or CANNOT_FIX in {@code round}: the caller (the grid that whistled) decides what
     * follows ({@link CallerDecision}) by {@code due}.
     */
    public record DecisionRequested(String requestId, String gridCode, int round, Instant due) {
    }

    /** The caller's decision on a round a department could not (fully) fix, by {@code worker}, with a note. */
    public record CallerDecided(String requestId, String gridCode, int round, CallerDecision decision, String worker,
                                String note) {
    }

    /**
     * 上提一级 on purpose: {@code raisedBy} (a grid worker) cannot solve the case at the grid (conditions, capacity,
     * jurisdiction) and lifts it to the level above, {@code level} ({@link UnitCodes.Level} name), with a reason.
     */
    public record Raised(String requestId, String gridCode, String raisedBy, String level, String reason) {
    }

    /** 反馈 asked of the resident. */
    public record FeedbackRequested(String requestId, String handledBy) {
    }

    /** The resident's rating, 1 to 5; 2 or less is unsatisfied. */
    public record Rated(String requestId, int rating, String comment) {
    }

    /**
     * 回访: the resident did not rate within the feedback limit; the grid calls back (or visits) by {@code due}. The
     * resident may still rate meanwhile.
     */
    public record ReturnVisitRequested(String requestId, String gridCode, Instant due) {
    }

    /**
     * 回访 done by {@code visitor}: the resident was reached and rated ({@code rating} 1 to 5, their words in
     * {@code comment}), or nobody could be reached ({@code reached} false, no rating) and the case closes as
     * {@link CaseOutcome#NOT_EVALUATED}.
     */
    public record ReturnVisited(String requestId, String gridCode, String visitor, boolean reached, Integer rating,
                                String comment) {
    }

    /**
     * 返工: unsatisfied, back to handling. {@code round}: the round of departments whose answer the resident rejected
     * (the case goes to them in a new round); null when the grid handled it, and from older producers (added in
     * place, optional).
     */
    public record Reopened(String requestId, int reworkCount, String reason, Integer round) {

        /** Back to the grid (and as producers before {@code round} named the departments' round). */
        public Reopened(String requestId, int reworkCount, String reason) {
            this(requestId, reworkCount, reason, null);
        }
    }

    /** A time limit of grid-intake's own stages passed (on-site handling, verification, feedback). */
    public record LimitMissed(String requestId, LimitStage stage, String gridCode, Instant due) {
    }

    /** 办结销号: final. */
    public record Closed(String requestId, CaseOutcome outcome, Integer rating) {
    }

    private RequestEvents() {
    }
}
