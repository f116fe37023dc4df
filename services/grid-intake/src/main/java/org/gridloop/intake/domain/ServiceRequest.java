package org.gridloop.intake.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CallerDecision;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.RejectReason;
import org.gridloop.platform.rest.ProblemException;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resident request (诉求) as grid-intake keeps it. Status moves only along the loop's transitions
 * ({@link #advanceTo}); the process engine decides the orchestration, this record what people may do next, and
 * both change in the same transaction (the process adapters move the status), so what the API allows follows
 * the process at once. Contact details live here and nowhere else: never in a public response, never in an event.
 *
 * <p>Written through {@code repository/ServiceRequests} (JDBC, in the step's JTA transaction); read through
 * Hibernate Reactive by the queries.
 */
@Entity
@Table(name = "service_request")
public class ServiceRequest extends PanacheEntityBase {

    /** Which status may follow which. A status reached twice (a replayed event) is a no-op, not an error. */
    private static final Map<RequestStatus, Set<RequestStatus>> NEXT = Map.ofEntries(
            Map.entry(RequestStatus.SUBMITTED, Set.of(RequestStatus.ACCEPTED, RequestStatus.REJECTED,
                    RequestStatus.MERGED, RequestStatus.CLOSED)),
            Map.entry(RequestStatus.ACCEPTED, Set.of(RequestStatus.GRID_HANDLING, RequestStatus.WHISTLED,
                    RequestStatus.REJECTED, RequestStatus.CLOSED)),
            Map.entry(RequestStatus.GRID_HANDLING, Set.of(RequestStatus.WHISTLED, RequestStatus.AWAITING_FEEDBACK,
                    RequestStatus.REJECTED, RequestStatus.CLOSED)),
            Map.entry(RequestStatus.WHISTLED, Set.of(RequestStatus.VERIFYING, RequestStatus.AWAITING_FEEDBACK,
                    RequestStatus.AWAITING_DECISION, RequestStatus.CLOSED)),
            Map.entry(RequestStatus.AWAITING_DECISION, Set.of(RequestStatus.VERIFYING, RequestStatus.WHISTLED,
                    RequestStatus.CLOSED)),
            Map.entry(RequestStatus.VERIFYING, Set.of(RequestStatus.WHISTLED, RequestStatus.AWAITING_FEEDBACK,
                    RequestStatus.CLOSED)),
            Map.entry(RequestStatus.AWAITING_FEEDBACK, Set.of(RequestStatus.CLOSED, RequestStatus.GRID_HANDLING,
                    RequestStatus.WHISTLED, RequestStatus.RETURN_VISIT)),
            Map.entry(RequestStatus.RETURN_VISIT, Set.of(RequestStatus.CLOSED, RequestStatus.GRID_HANDLING,
                    RequestStatus.WHISTLED)),
            Map.entry(RequestStatus.CLOSED, Set.of()),
            Map.entry(RequestStatus.REJECTED, Set.of()),
            Map.entry(RequestStatus.MERGED, Set.of()));

    @Id
    public String id;

    @Column(name = "tracking_token_hash", nullable = false)
    public String trackingTokenHash;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String category;

    @Column(nullable = false, length = 4000)
    public String description;

    @Column(nullable = false)
    public double latitude;

    @Column(nullable = false)
    public double longitude;

    public String address;

    @Column(name = "grid_code", nullable = false, length = 15)
    public String gridCode;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "photo_urls", columnDefinition = "text[]")
    public List<String> photoUrls;

    /**
     * The departments' answers of the last resolved round, one entry per department in the three lists (the same
     * index): see {@link #answers()}.
     */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "answer_departments", columnDefinition = "text[]")
    public List<String> answerDepartments;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "answer_results", columnDefinition = "text[]")
    public List<String> answerResults;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "answer_notes", columnDefinition = "text[]")
    public List<String> answerNotes;

    /** The reporter allowed their photos in public output (Open311's media_url); never otherwise. */
    @Column(name = "photos_public", nullable = false)
    public boolean photosPublic;

    public boolean anonymous;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_phone")
    public String contactPhone;

    /** The token subject of the resident or grid worker who reported it; null when anonymous. */
    public String reporter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RequestStatus status;

    public int round;

    @Column(name = "rework_count")
    public int reworkCount;

    public Integer rating;

    @Column(name = "rating_comment", length = 2000)
    public String ratingComment;

    @Enumerated(EnumType.STRING)
    public CaseOutcome outcome;

    /** The grid worker who has the task now (handling or verification). */
    @Column(name = "claimed_by")
    public String claimedBy;

    /**
     * When what the grid is asked now is due (accept, handle, verify, decide, call back): the due time the step that
     * asked announced and set its timer to.
     */
    @Column(name = "task_due_at")
    public Instant taskDueAt;

    @Column(name = "handled_at")
    public Instant handledAt;

    @Column(name = "whistle_blown_at")
    public Instant whistleBlownAt;

    /** The dispatch round whose result was verified on site, so a round is verified once. */
    @Column(name = "verified_round")
    public Integer verifiedRound;

    /** For a duplicate: the open case its reporter now follows. */
    @Column(name = "merged_into")
    public String mergedInto;

    @Enumerated(EnumType.STRING)
    @Column(name = "reject_reason")
    public RejectReason rejectReason;

    /** What the resident is told: why it was rejected, what was done on site. */
    @Column(name = "status_note", length = 2000)
    public String statusNote;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public long version;

    /** Moves to {@code target} if the loop allows it from here; returns whether anything changed. */
    public boolean advanceTo(RequestStatus target) {
        if (status == target) {
            return false;
        }
        if (!NEXT.getOrDefault(status, Set.of()).contains(target)) {
            return false;
        }
        status = target;
        updatedAt = Instant.now();
        return true;
    }

    public boolean mayAdvanceTo(RequestStatus target) {
        return NEXT.getOrDefault(status, Set.of()).contains(target);
    }

    // ---- what people do (the commands check who may, this says whether the case allows it now) ------------------

    /** A grid worker takes the task of handling or verifying it; false when they had it already. */
    public boolean claim(String worker) {
        requireStatus(RequestStatus.GRID_HANDLING, RequestStatus.VERIFYING);
        if (claimedBy != null && !claimedBy.equals(worker)) {
            throw ProblemException.conflict("already claimed by " + claimedBy);
        }
        if (worker.equals(claimedBy)) {
            return false;
        }
        claimedBy = worker;
        touch();
        return true;
    }

    public void unclaim(String worker) {
        requireClaimant(worker);
        claimedBy = null;
        touch();
    }

    /** 处置: the claimant handled it on site. */
    public void handleOnSite(String worker, String note) {
        requireStatus(RequestStatus.GRID_HANDLING);
        requireClaimant(worker);
        requireOpenGridTask();
        handledAt = Instant.now();
        statusNote = note;
        touch();
    }

    /** 吹哨: the grid cannot solve it. */
    public void blowWhistle() {
        requireStatus(RequestStatus.GRID_HANDLING);
        requireOpenGridTask();
        whistleBlownAt = Instant.now();
        touch();
    }

    /** 核查 of the current round, once. */
    public void verify(String worker, String note) {
        requireStatus(RequestStatus.VERIFYING);
        if (claimedBy != null && !claimedBy.equals(worker)) {
            throw ProblemException.conflict("claimed by " + claimedBy);
        }
        if (verifiedRound != null && verifiedRound == round) {
            throw ProblemException.conflict("round " + round + " was verified already");
        }
        verifiedRound = round;
        statusNote = note;
        touch();
    }

    /** 不予受理, before the grid acted on it. */
    public void reject(RejectReason reason, String note) {
        requireStatus(RequestStatus.SUBMITTED, RequestStatus.ACCEPTED, RequestStatus.GRID_HANDLING);
        if (handledAt != null || whistleBlownAt != null) {
            throw ProblemException.conflict("the grid already acted on request " + id);
        }
        status = RequestStatus.REJECTED;
        rejectReason = reason;
        statusNote = note;
        outcome = CaseOutcome.REJECTED;
        claimedBy = null;
        touch();
    }

    /** 反馈: the resident's rating, once per time they are asked (still welcome while the grid calls back). */
    public void rate(int value, String comment) {
        if (!awaitsRating()) {
            throw ProblemException.conflict("request " + id + " is " + status + ", not waiting for a rating");
        }
        rating = value;
        ratingComment = comment;
        touch();
    }

    /**
     * 反馈 of a reporter whose report was merged into {@code original}: once that case was handled (waiting for its
     * own rating, called back, or closed after handling), once. The merged report stays MERGED; its rating is its own
     * and moves nothing in the original case.
     */
    public void rateAsFollower(ServiceRequest original, int value, String comment) {
        boolean handled = original.status == RequestStatus.AWAITING_FEEDBACK
                || original.status == RequestStatus.RETURN_VISIT
                || original.status == RequestStatus.CLOSED && original.outcome != CaseOutcome.REJECTED;
        if (status != RequestStatus.MERGED || rating != null || !handled) {
            throw ProblemException.conflict("request " + id + " follows " + original.id + ", which is "
                    + original.status + (rating != null ? "; rated already" : ""));
        }
        rating = value;
        ratingComment = comment;
        touch();
    }

    /**
     * 回访 recorded by the grid worker who called back: the resident's rating when reached, nothing when nobody was
     * (the process then closes the case as not evaluated).
     */
    public void returnVisit(boolean reached, Integer value, String comment) {
        if (status != RequestStatus.RETURN_VISIT || rating != null) {
            throw ProblemException.conflict("request " + id + " is " + status + ", not waiting for a return visit");
        }
        if (reached) {
            rating = value;
            ratingComment = comment;
        }
        touch();
    }

    private boolean awaitsRating() {
        return (status == RequestStatus.AWAITING_FEEDBACK || status == RequestStatus.RETURN_VISIT) && rating == null;
    }

    /** The departments' answers of the last resolved round, empty before any round was resolved. */
    public List<DepartmentAnswer> answers() {
        if (answerDepartments == null || answerDepartments.isEmpty()) {
            return List.of();
        }
        List<DepartmentAnswer> out = new ArrayList<>(answerDepartments.size());
        for (int i = 0; i < answerDepartments.size(); i++) {
            String result = i < answerResults.size() ? answerResults.get(i) : null;
            out.add(new DepartmentAnswer(answerDepartments.get(i), result == null ? null : AnswerResult.valueOf(result),
                    i < answerNotes.size() ? answerNotes.get(i) : null));
        }
        return out;
    }

    /** 答复 of a resolved round: what each department answered replaces the previous round's. */
    public void departmentsAnswered(List<DepartmentAnswer> answers) {
        answerDepartments = new ArrayList<>(answers.stream().map(DepartmentAnswer::department).toList());
        answerResults = new ArrayList<>(answers.stream().map(a -> a.result() == null ? null : a.result().name())
                .toList());
        answerNotes = new ArrayList<>(answers.stream().map(DepartmentAnswer::note).toList());
        touch();
    }

    // ---- what the process decided (its adapters call these in the same transaction) ---------------------------

    public void accept() {
        advanceTo(RequestStatus.ACCEPTED);
    }

    /**
     * 受理 by a person: the routing table holds the report back until a grid worker of its grid accepts (or rejects)
     * it, by {@code due}.
     */
    public void awaitAcceptance(Instant due) {
        taskDueAt = due;
        touch();
    }

    /** 受理 by a grid worker: only a report still waiting for it. */
    public void acceptByPerson() {
        requireStatus(RequestStatus.SUBMITTED);
        advanceTo(RequestStatus.ACCEPTED);
        taskDueAt = null;
    }

    /** 分流 to the grid, to be handled by {@code due}; after a rework (返工) a fresh task. */
    public void routeToGrid(Instant due) {
        advanceTo(RequestStatus.GRID_HANDLING);
        taskDueAt = due;
        claimedBy = null;
        handledAt = null;
        whistleBlownAt = null;
        touch();
    }

    /**
     * 吹哨: the departments are called for the current round — or for the next one when the current round's work was
     * verified on site already: a round is dispatched once, and a grid that whistles again after the resident sent
     * its whistled case back (返工 to the grid) calls the departments anew. (Found by the fault-injection run: that
     * whistle went out as round 1 again, report-in ignored it as a duplicate, and the case waited for ever.)
     */
    public void whistle() {
        if (verifiedRound != null && verifiedRound >= round) {
            round = verifiedRound + 1;
        }
        advanceTo(RequestStatus.WHISTLED);
        claimedBy = null;
        touch();
    }

    /** 核查 of the departments' work, by {@code due}. */
    public void requestVerification(Instant due) {
        if (advanceTo(RequestStatus.VERIFYING)) {
            taskDueAt = due;
        }
    }

    public void requestFeedback() {
        if (advanceTo(RequestStatus.AWAITING_FEEDBACK)) {
            claimedBy = null;
        }
    }

    /** A department answered PARTLY or CANNOT_FIX: the caller decides next, by {@code due}. */
    public void awaitDecision(Instant due) {
        if (advanceTo(RequestStatus.AWAITING_DECISION)) {
            claimedBy = null;
            taskDueAt = due;
        }
    }

    /**
     * The caller's decision on a round a department could not (fully) fix; closing it as not solvable keeps the
     * explanation the resident reads.
     */
    public void callerDecided(CallerDecision decision, String note) {
        requireStatus(RequestStatus.AWAITING_DECISION);
        if (decision == CallerDecision.CLOSE_NOT_SOLVABLE) {
            statusNote = note;
        }
        touch();
    }

    /** 上提一级 on purpose: only while the grid holds the case (handling it, or deciding after the departments). */
    public void requireRaisable() {
        requireStatus(RequestStatus.GRID_HANDLING, RequestStatus.AWAITING_DECISION);
    }

    /** 回访: the feedback limit passed without a rating; the grid calls back by {@code due}. */
    public void requestReturnVisit(Instant due) {
        if (advanceTo(RequestStatus.RETURN_VISIT)) {
            taskDueAt = due;
        }
    }

    /** 返工: no longer waiting for a rating; accepted again until it is routed again. */
    public void reopen(int reworks) {
        reworkCount = reworks;
        rating = null;
        ratingComment = null;
        status = RequestStatus.ACCEPTED;
        touch();
    }

    public void close(CaseOutcome how) {
        if (advanceTo(RequestStatus.CLOSED)) {
            outcome = how;
            closedAt = Instant.now();
        }
    }

    private void touch() {
        updatedAt = Instant.now();
    }

    private void requireStatus(RequestStatus... allowed) {
        for (RequestStatus s : allowed) {
            if (status == s) {
                return;
            }
        }
        throw ProblemException.conflict("request " + id + " is " + status);
    }

    private void requireClaimant(String worker) {
        if (!worker.equals(claimedBy)) {
            throw ProblemException.conflict(claimedBy == null ? "claim the task first" : "claimed by " + claimedBy);
        }
    }

    private void requireOpenGridTask() {
        if (handledAt != null || whistleBlownAt != null) {
            throw ProblemException.conflict("the grid already " + (handledAt != null ? "handled" : "whistled")
                    + " request " + id);
        }
    }
}
