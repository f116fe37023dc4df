package org.gridloop.escalation.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.util.List;

/**
 * The write side of the evaluation facts: a batch's {@link FactChanges} as one upsert per fact table, each folding
 * the change into the stored row with the same order-independent rule as the in-memory merge (LEAST, GREATEST, OR,
 * the rating of the latest rating time, the outcome of the earliest closing), rows in key order so that two
 * batches touching the same rows wait for each other instead of deadlocking. The tables are written calls first,
 * then escalations, then cases (every batch in that order), and the statement-level triggers on each fact table
 * add the statement's net change to the per grid and day aggregates ({@link Aggregates}).
 *
 * <p>A batch costs at most five statements here: one per fact table it changes, one more on {@code case_fact}
 * when it called departments or heard one report in (whether the whole first round has reported in is counted from
 * {@code dispatch_fact}, which the first statement has just changed), one when something counts against a round's
 * departments (a failed verification, a reopen: {@code round_fact}, copied to the round's calls), and one on
 * {@code case_link} when it holds a proactive case naming the cases that led to it.
 */
@ApplicationScoped
public class Facts {

    private static final String[] DISPATCH = {"request_id text", "round int", "department text", "grid_code text",
            "day date", "called_at timestamptz", "report_in_due timestamptz", "resolve_due timestamptz",
            "reported_in_at timestamptz", "answered_at timestamptz", "result text", "attitude int",
            "rated_result int", "rated_at timestamptz"};

    private static final String[] ROUND = {"request_id text", "round int", "verification_failed boolean",
            "reopened boolean"};

    private static final String[] ESCALATION = {"escalation_id text", "request_id text", "grid_code text",
            "department text", "trigger_name text", "day date", "raised_at timestamptz", "level text", "lifts int",
            "decision text", "ended_at timestamptz", "end_reason text"};

    private static final String[] CASE = {"request_id text", "grid_code text", "day date", "submitted_at timestamptz",
            "accepted_at timestamptz", "routed_at timestamptz", "whistled_at timestamptz", "handled_at timestamptz",
            "finished_at timestamptz", "verification_requested_at timestamptz", "verified_at timestamptz",
            "feedback_requested_at timestamptz", "first_rated_at timestamptz", "rated_at timestamptz", "rating int",
            "rework_count int", "due_at timestamptz", "deferred boolean", "limit_missed boolean",
            "closed_at timestamptz", "outcome text", "category text", "category_accepted boolean", "source text",
            "place_key text", "fallback boolean", "first_contact_at timestamptz"};

    private final Sql sql;
    private final String schema;

    Facts(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.schema = database.schema();
    }

    public void write(FactChanges changes) {
        if (!changes.rounds().isEmpty()) {
            rounds(changes);
        }
        if (!changes.dispatches().isEmpty()) {
            dispatches(changes);
        }
        if (!changes.escalations().isEmpty()) {
            escalations(changes);
        }
        if (!changes.links().isEmpty()) {
            JsonRows rows = new JsonRows(new String[]{"request_id text", "proactive_request_id text"});
            changes.links().forEach(l -> rows.add(l.requestId(), l.proactiveRequestId()));
            sql.update("INSERT INTO " + schema + ".case_link (" + rows.names("") + ") SELECT " + rows.names("r")
                    + " FROM " + rows.source() + " ORDER BY 1, 2 ON CONFLICT DO NOTHING", rows.json());
        }
        if (!changes.cases().isEmpty()) {
            cases(changes);
            List<String> recount = changes.cases().stream().filter(c -> c.recountReportedIn)
                    .map(c -> c.requestId).sorted().toList();
            if (!recount.isEmpty()) {
                allReportedIn(recount);
            }
        }
    }

    /** A call (its {@code called_at} set) replaces what an earlier call of the same round and department said. */
    private void dispatches(FactChanges changes) {
        JsonRows rows = new JsonRows(DISPATCH);
        for (FactChanges.DispatchChange d : changes.dispatches()) {
            rows.add(d.key.requestId(), d.key.round(), d.key.department(), d.gridCode, d.day, d.calledAt,
                    d.reportInDue, d.resolveDue, d.reportedInAt, d.answeredAt,
                    d.result == null ? null : d.result.name(), d.attitude, d.ratedResult, d.ratedAt);
        }
        String called = "CASE WHEN EXCLUDED.called_at IS NOT NULL THEN EXCLUDED.%1$s ELSE f.%1$s END";
        // rated once per call: the earliest rating stands
        String earlierRating = "EXCLUDED.rated_at IS NOT NULL AND (f.rated_at IS NULL OR EXCLUDED.rated_at < f.rated_at)";
        // a call takes what its round's marks say already (round_fact: written before, in this batch or earlier)
        sql.update("INSERT INTO " + schema + ".dispatch_fact AS f (" + rows.names("")
                + ", verification_failed, reopened) SELECT " + rows.names("r")
                + ", COALESCE(m.verification_failed, FALSE), COALESCE(m.reopened, FALSE) FROM " + rows.source()
                + " LEFT JOIN " + schema + ".round_fact m ON m.request_id = r.request_id AND m.round = r.round"
                + " ORDER BY r.request_id, r.round, r.department "
                + "ON CONFLICT (request_id, round, department) DO UPDATE SET "
                + "grid_code = " + called.formatted("grid_code") + ", day = " + called.formatted("day")
                + ", called_at = " + called.formatted("called_at")
                + ", report_in_due = " + called.formatted("report_in_due")
                + ", resolve_due = " + called.formatted("resolve_due")
                + ", reported_in_at = LEAST(f.reported_in_at, EXCLUDED.reported_in_at), "
                + "answered_at = LEAST(f.answered_at, EXCLUDED.answered_at), "
                + "result = COALESCE(EXCLUDED.result, f.result), "
                + "attitude = CASE WHEN " + earlierRating + " THEN EXCLUDED.attitude ELSE f.attitude END, "
                + "rated_result = CASE WHEN " + earlierRating + " THEN EXCLUDED.rated_result ELSE f.rated_result END, "
                + "rated_at = LEAST(f.rated_at, EXCLUDED.rated_at), "
                + "verification_failed = f.verification_failed OR EXCLUDED.verification_failed, "
                + "reopened = f.reopened OR EXCLUDED.reopened", rows.json());
    }

    /**
     * What counts against a round's departments (a failed verification, a reopen): kept per round, so a call read
     * later takes it too, and copied to the round's calls already there, in one statement.
     */
    private void rounds(FactChanges changes) {
        JsonRows rows = new JsonRows(ROUND);
        for (FactChanges.RoundChange r : changes.rounds()) {
            rows.add(r.key.requestId(), r.key.round(), r.verificationFailed, r.reopened);
        }
        sql.update("WITH m AS (INSERT INTO " + schema + ".round_fact AS f (" + rows.names("") + ") SELECT "
                + rows.names("r") + " FROM " + rows.source() + " ORDER BY r.request_id, r.round "
                + "ON CONFLICT (request_id, round) DO UPDATE SET "
                + "verification_failed = f.verification_failed OR EXCLUDED.verification_failed, "
                + "reopened = f.reopened OR EXCLUDED.reopened RETURNING f.request_id, f.round, "
                + "f.verification_failed, f.reopened) "
                + "UPDATE " + schema + ".dispatch_fact d SET verification_failed = m.verification_failed, "
                + "reopened = m.reopened FROM m WHERE d.request_id = m.request_id AND d.round = m.round "
                + "AND (d.verification_failed, d.reopened) IS DISTINCT FROM (m.verification_failed, m.reopened)",
                rows.json());
    }

    /**
     * A raise (its {@code raised_at} set) replaces what the row said of it; a lift moves the level only when it
     * climbed at least as high as the row (a lift reaches the street at least, so {@code lifts > 0} marks one).
     */
    private void escalations(FactChanges changes) {
        JsonRows rows = new JsonRows(ESCALATION);
        for (FactChanges.EscalationChange e : changes.escalations()) {
            rows.add(e.escalationId, e.requestId, e.gridCode, e.department, e.trigger, e.day, e.raisedAt, e.level(),
                    e.lifts == null ? 0 : e.lifts, e.decision, e.endedAt,
                    e.endReason == null ? null : e.endReason.name());
        }
        String raised = "CASE WHEN EXCLUDED.raised_at IS NOT NULL THEN EXCLUDED.%1$s ELSE f.%1$s END";
        sql.update("INSERT INTO " + schema + ".escalation_fact AS f (" + rows.names("") + ") SELECT "
                + rows.names("r") + " FROM " + rows.source() + " ORDER BY r.escalation_id "
                + "ON CONFLICT (escalation_id) DO UPDATE SET "
                + "grid_code = " + raised.formatted("grid_code") + ", department = " + raised.formatted("department")
                + ", trigger_name = " + raised.formatted("trigger_name") + ", day = " + raised.formatted("day")
                + ", raised_at = " + raised.formatted("raised_at")
                + ", level = CASE WHEN EXCLUDED.lifts > 0 AND EXCLUDED.lifts >= f.lifts THEN EXCLUDED.level "
                + "ELSE f.level END, lifts = GREATEST(f.lifts, EXCLUDED.lifts), "
                + "decision = COALESCE(EXCLUDED.decision, f.decision), "
                + "ended_at = LEAST(f.ended_at, EXCLUDED.ended_at), "
                + "end_reason = COALESCE(EXCLUDED.end_reason, f.end_reason)", rows.json());
    }

    private void cases(FactChanges changes) {
        JsonRows rows = new JsonRows(CASE);
        for (FactChanges.CaseChange c : changes.cases()) {
            rows.add(c.requestId, c.gridCode, c.day(), c.submittedAt, c.acceptedAt, c.routedAt, c.whistledAt,
                    c.handledAt, c.finishedAt, c.verificationRequestedAt, c.verifiedAt, c.feedbackRequestedAt,
                    c.firstRatedAt, c.ratedAt, c.rating, c.reworkCount, c.dueAt, c.deferred, c.limitMissed,
                    c.closedAt, c.outcome == null ? null : c.outcome.name(), c.category, c.categoryAccepted, c.source,
                    c.placeKey, c.fallback, c.firstContactAt);
        }
        sql.update("INSERT INTO " + schema + ".case_fact AS c (" + rows.names("") + ") SELECT " + rows.names("r")
                + " FROM " + rows.source() + " ORDER BY r.request_id "
                + "ON CONFLICT (request_id) DO UPDATE SET "
                + "grid_code = COALESCE(EXCLUDED.grid_code, c.grid_code), "
                + "day = CASE WHEN " + earlier("submitted_at") + " THEN EXCLUDED.day ELSE c.day END, "
                + first("submitted_at") + first("accepted_at") + first("routed_at") + first("whistled_at")
                + first("handled_at") + last("finished_at") + first("verification_requested_at")
                + first("verified_at") + first("feedback_requested_at") + first("first_rated_at")
                + "rating = CASE WHEN " + laterOrSame("rated_at") + " THEN EXCLUDED.rating ELSE c.rating END, "
                + last("rated_at") + "rework_count = GREATEST(c.rework_count, EXCLUDED.rework_count), "
                + last("due_at") + "deferred = c.deferred OR EXCLUDED.deferred, "
                + "limit_missed = c.limit_missed OR EXCLUDED.limit_missed, "
                + "outcome = CASE WHEN " + earlierOrSame("closed_at") + " THEN EXCLUDED.outcome ELSE c.outcome END, "
                + "closed_at = LEAST(c.closed_at, EXCLUDED.closed_at), "
                // the category accepted replaces the one reported; a reported one only fills a gap
                + "category = CASE WHEN EXCLUDED.category_accepted OR NOT c.category_accepted "
                + "THEN COALESCE(EXCLUDED.category, c.category) ELSE c.category END, "
                + "category_accepted = c.category_accepted OR EXCLUDED.category_accepted, "
                + "source = COALESCE(EXCLUDED.source, c.source), place_key = COALESCE(EXCLUDED.place_key, c.place_key), "
                + "fallback = c.fallback OR EXCLUDED.fallback, "
                + "first_contact_at = LEAST(c.first_contact_at, EXCLUDED.first_contact_at)",
                rows.json());
    }

    /** The first round is "reported in" when every department called in it reported in: the last one's time. */
    private void allReportedIn(List<String> requestIds) {
        sql.update("UPDATE " + schema + ".case_fact c SET all_reported_in_at = x.at FROM (SELECT d.request_id, "
                + "CASE WHEN count(*) = count(d.reported_in_at) THEN max(d.reported_in_at) END AS at FROM " + schema
                + ".dispatch_fact d WHERE d.request_id = ANY (?::text[]) AND d.round = (SELECT min(m.round) FROM "
                + schema + ".dispatch_fact m WHERE m.request_id = d.request_id) GROUP BY d.request_id) x "
                + "WHERE c.request_id = x.request_id AND c.all_reported_in_at IS DISTINCT FROM x.at", requestIds);
    }

    private static String first(String column) {
        return column + " = LEAST(c." + column + ", EXCLUDED." + column + "), ";
    }

    private static String last(String column) {
        return column + " = GREATEST(c." + column + ", EXCLUDED." + column + "), ";
    }

    /** The change holds an earlier time than the row (or the row none). */
    private static String earlier(String column) {
        return "EXCLUDED." + column + " IS NOT NULL AND (c." + column + " IS NULL OR EXCLUDED." + column + " < c."
                + column + ")";
    }

    private static String earlierOrSame(String column) {
        return "EXCLUDED." + column + " IS NOT NULL AND (c." + column + " IS NULL OR EXCLUDED." + column + " <= c."
                + column + ")";
    }

    private static String laterOrSame(String column) {
        return "EXCLUDED." + column + " IS NOT NULL AND (c." + column + " IS NULL OR EXCLUDED." + column + " >= c."
                + column + ")";
    }
}
