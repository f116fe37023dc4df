package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEndReason;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.LimitStage;
import org.gridloop.contracts.RejectReason;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.escalation.application.ReadModel;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.platform.db.Sql;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model's batch projection on its own, each test in a transaction that is rolled back (nothing reaches the
 * other tests): what a batch costs in statements on the fact tables, that the aggregates the statement-level
 * triggers keep equal a rebuild from the facts, and that one batch gives exactly the rows the same events give one
 * at a time in the opposite order. Cases of street 110105007 on 2024-06-01 (Asia/Shanghai):
 * <pre>
 * A grid 110105007001001  routed to the grid (due +1d), handled +2h, rated 5, closed RESOLVED
 * B grid 110105007001001  whistled; water and housing called (report-in due +55m, resolve due +4h): water reports in
 *                         +40m (on time), housing +70m (late); both answer, resolved +3h10m, rated 2, reopened,
 *                         resolved again +3h50m, rated 4, closed RESOLVED (on time)
 * C grid 110105007001002  routed (due +1h), limit missed, escalated, lifted to the street, 缓办 NEW_DEADLINE, ended;
 *                         handled +1d, rated 3, closed RESOLVED (deferred: out of 按期结案率)
 * D grid 110105007001002  rejected, closed REJECTED
 *
 * 响应率 1/2 (B.water)   解决率 3/3   满意率 3/3   按期结案率 2/2 (A, B)   返工率 1/3 (B)   上提次数 1
 * 兜底率 0/1 (B whistled, a rule matched)   巡查发现率 0/3 (residents' reports)
 * acceptance: A, B, C 10 minutes each
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class ReadModelBatchIT {

    static final String G1 = "110105007001001";
    static final String G2 = "110105007001002";
    static final Instant T0 = Instant.parse("2024-06-01T01:00:00Z");
    static final RequestEvents.Location LOCATION = new RequestEvents.Location(39.9, 116.4, null);
    static final Actor RESIDENT = new Actor("alice", "resident");
    static final Actor SYSTEM = Actor.SYSTEM;
    static final Actor ZHAO = new Actor("zhao", "department");

    @Inject
    ReadModel readModel;

    @Inject
    Sql sql;

    @Inject
    UserTransaction transaction;

    final String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    final String a = "RMB-A-" + suffix;
    final String b = "RMB-B-" + suffix;
    final String c = "RMB-C-" + suffix;
    final String d = "RMB-D-" + suffix;
    final List<CloudEvent<?>> all = new ArrayList<>();

    /** The four cases' events, in the order their services would have published them. */
    List<CloudEvent<?>> cases() {
        add(EventTypes.REQUEST_SUBMITTED, a, RESIDENT, T0, submitted(a, G1, T0));
        add(EventTypes.REQUEST_ACCEPTED, a, SYSTEM, T0.plus(m(10)), new RequestEvents.Accepted(a, "litter", G1));
        add(EventTypes.REQUEST_ROUTED_TO_GRID, a, SYSTEM, T0.plus(m(20)),
                new RequestEvents.RoutedToGrid(a, G1, T0.plus(Duration.ofDays(1))));
        add(EventTypes.REQUEST_HANDLED_ON_SITE, a, TestEvents.WORKER, T0.plus(h(2)),
                new RequestEvents.HandledOnSite(a, G1, "cleaned", List.of()));
        add(EventTypes.REQUEST_FEEDBACK_REQUESTED, a, SYSTEM, T0.plus(h(2)).plus(m(1)),
                new RequestEvents.FeedbackRequested(a, "grid"));
        add(EventTypes.REQUEST_RATED, a, RESIDENT, T0.plus(h(3)), new RequestEvents.Rated(a, 5, null));
        add(EventTypes.REQUEST_CLOSED, a, SYSTEM, T0.plus(h(3)).plus(m(1)), new RequestEvents.Closed(a, CaseOutcome.RESOLVED, 5));

        Instant tb = T0.plus(h(1));
        add(EventTypes.REQUEST_SUBMITTED, b, RESIDENT, tb, submitted(b, G1, tb));
        add(EventTypes.REQUEST_ACCEPTED, b, SYSTEM, tb.plus(m(10)), new RequestEvents.Accepted(b, "litter", G1));
        add(EventTypes.REQUEST_WHISTLED, b, TestEvents.WORKER, tb.plus(m(20)),
                new RequestEvents.Whistled(b, 1, "litter", "x", LOCATION, G1, "rule"));
        add(EventTypes.DISPATCH_STARTED, b, SYSTEM, tb.plus(m(25)), new DispatchEvents.Started(b, 1, "litter", G1,
                "110105", false, List.of(
                new DispatchEvents.CalledDepartment("water", "lead", tb.plus(m(55)), tb.plus(h(4))),
                new DispatchEvents.CalledDepartment("housing", "co", tb.plus(m(55)), tb.plus(h(4))))));
        add(EventTypes.DISPATCH_REPORTED_IN, b, ZHAO, tb.plus(m(40)), new DispatchEvents.ReportedIn(b, 1, "water"));
        add(EventTypes.DISPATCH_REPORTED_IN, b, ZHAO, tb.plus(m(70)), new DispatchEvents.ReportedIn(b, 1, "housing"));
        add(EventTypes.DISPATCH_ANSWERED, b, ZHAO, tb.plus(h(3)),
                new DispatchEvents.Answered(b, 1, "water", AnswerResult.FIXED, "done"));
        add(EventTypes.DISPATCH_ANSWERED, b, ZHAO, tb.plus(h(3)).plus(m(10)),
                new DispatchEvents.Answered(b, 1, "housing", AnswerResult.FIXED, "done"));
        add(EventTypes.DISPATCH_RESOLVED, b, SYSTEM, tb.plus(h(3)).plus(m(10)), new DispatchEvents.Resolved(b, 1,
                List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "done"))));
        add(EventTypes.REQUEST_VERIFIED, b, TestEvents.WORKER, tb.plus(h(3)).plus(m(12)),
                new RequestEvents.Verified(b, 1, false, "still dirty"));
        add(EventTypes.ESCALATION_DEPARTMENT_RATED, b, TestEvents.WORKER, tb.plus(h(3)).plus(m(13)),
                new EscalationEvents.DepartmentRated(b, 1, "water", G1, 4, 5, "quick"));
        add(EventTypes.REQUEST_FEEDBACK_REQUESTED, b, SYSTEM, tb.plus(h(3)).plus(m(15)),
                new RequestEvents.FeedbackRequested(b, "water"));
        add(EventTypes.REQUEST_RATED, b, RESIDENT, tb.plus(h(3)).plus(m(20)), new RequestEvents.Rated(b, 2, null));
        add(EventTypes.REQUEST_REOPENED, b, RESIDENT, tb.plus(h(3)).plus(m(21)),
                new RequestEvents.Reopened(b, 1, "still dirty", 1));
        add(EventTypes.DISPATCH_RESOLVED, b, SYSTEM, tb.plus(h(3)).plus(m(50)), new DispatchEvents.Resolved(b, 2,
                List.of(new DispatchEvents.Answer("water", "lead", AnswerResult.FIXED, "again"))));
        add(EventTypes.REQUEST_RATED, b, RESIDENT, tb.plus(h(5)), new RequestEvents.Rated(b, 4, null));
        add(EventTypes.REQUEST_CLOSED, b, SYSTEM, tb.plus(h(5)).plus(m(1)), new RequestEvents.Closed(b, CaseOutcome.RESOLVED, 4));

        Instant tc = T0.plus(h(2));
        String esc = "ESC-" + c;
        add(EventTypes.REQUEST_SUBMITTED, c, RESIDENT, tc, submitted(c, G2, tc));
        add(EventTypes.REQUEST_ACCEPTED, c, SYSTEM, tc.plus(m(10)), new RequestEvents.Accepted(c, "litter", G2));
        add(EventTypes.REQUEST_ROUTED_TO_GRID, c, SYSTEM, tc.plus(m(20)),
                new RequestEvents.RoutedToGrid(c, G2, tc.plus(h(1))));
        add(EventTypes.REQUEST_LIMIT_MISSED, c, SYSTEM, tc.plus(h(1)).plus(m(20)),
                new RequestEvents.LimitMissed(c, LimitStage.GRID_HANDLING, G2, tc.plus(h(1)).plus(m(20))));
        add(EventTypes.ESCALATION_RAISED, c, SYSTEM, tc.plus(h(1)).plus(m(21)), new EscalationEvents.Raised(c, esc,
                "GRID_HANDLING_MISSED", null, G2, "COMMUNITY", "110105007001", tc.plus(h(5)).plus(m(21))));
        add(EventTypes.ESCALATION_LIFTED, c, SYSTEM, tc.plus(h(5)).plus(m(21)), new EscalationEvents.Lifted(c, esc,
                "COMMUNITY", "STREET", "110105007", tc.plus(h(9))));
        add(EventTypes.ESCALATION_DECIDED, c, new Actor("liu", "supervisor"), tc.plus(h(6)),
                new EscalationEvents.Decided(c, esc, "STREET", "110105007", "liu", EscalationDecision.NEW_DEADLINE,
                        null, null, tc.plus(Duration.ofDays(2)), "by Monday"));
        add(EventTypes.ESCALATION_ENDED, c, SYSTEM, tc.plus(h(6)), new EscalationEvents.Ended(c, esc, EscalationEndReason.DECIDED));
        add(EventTypes.REQUEST_HANDLED_ON_SITE, c, TestEvents.WORKER, tc.plus(Duration.ofDays(1)),
                new RequestEvents.HandledOnSite(c, G2, "fixed", List.of()));
        add(EventTypes.REQUEST_RATED, c, RESIDENT, tc.plus(Duration.ofDays(1)).plus(h(2)),
                new RequestEvents.Rated(c, 3, null));
        add(EventTypes.REQUEST_CLOSED, c, SYSTEM, tc.plus(Duration.ofDays(1)).plus(h(3)),
                new RequestEvents.Closed(c, CaseOutcome.RESOLVED, 3));

        Instant td = T0.plus(h(3));
        add(EventTypes.REQUEST_SUBMITTED, d, RESIDENT, td, submitted(d, G2, td));
        add(EventTypes.REQUEST_REJECTED, d, SYSTEM, td.plus(m(5)), new RequestEvents.Rejected(d, RejectReason.SPAM, null));
        add(EventTypes.REQUEST_CLOSED, d, SYSTEM, td.plus(m(6)), new RequestEvents.Closed(d, CaseOutcome.REJECTED, null));
        return all;
    }

    @Test
    void aBatchWritesEachFactTableWithOneStatementAndTheTriggersKeepWhatARebuildComputes() throws Exception {
        List<CloudEvent<?>> events = cases();
        rolledBack(() -> {
            sql.update("SET LOCAL track_functions = 'pl'");
            assertThat(readModel.apply(events)).isEqualTo(events.size());

            // one statement per fact table, one more on case_fact (the report-in recount) and one more on
            // dispatch_fact (what counts against a round: b's failed verification and reopen): each runs its table's
            // statement triggers once; an upsert runs both the insert and the update trigger
            assertThat(triggerRuns()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "dispatch_fact_aggregate_insert", 1L, "dispatch_fact_aggregate_update", 2L,
                    "escalation_fact_aggregate_insert", 1L, "escalation_fact_aggregate_update", 1L,
                    "case_fact_aggregate_insert", 1L, "case_fact_aggregate_update", 2L));
            assertThat(timelineSize()).isEqualTo(events.size());

            // the hand-computed figures of the street's day
            assertThat(figures()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("RESPONSE", "1/2"),
                    Map.entry("RESOLUTION", "3/3"), Map.entry("SATISFACTION", "3/3"), Map.entry("ON_TIME", "2/2"),
                    Map.entry("REWORK", "1/3"), Map.entry("ESCALATIONS", "1/0"), Map.entry("NOT_EVALUATED", "0/3"),
                    // b's round 1: water rated 4 and 5; its verification failed and it was reopened (water, housing)
                    Map.entry("DEPT_ATTITUDE", "1/1"), Map.entry("DEPT_RESULT", "1/1"),
                    Map.entry("DEPT_VERIFICATION_FAILED", "2/2"), Map.entry("DEPT_REOPENED", "2/2"),
                    Map.entry("FALLBACK", "0/1"), Map.entry("PATROL_FOUND", "0/3")));
            assertThat(sql.list("SELECT cases, seconds FROM escalation.cycle_day WHERE grid_code LIKE '110105007%' "
                    + "AND day = DATE '2024-06-01' AND stage = 'ACCEPTANCE' AND cases <> 0",
                    row -> row.getLong(1) + "/" + row.getDouble(2))).containsExactlyInAnyOrder("2/1200.0", "1/600.0");

            // what the triggers kept is what a rebuild from the facts computes
            String kept = aggregates();
            sql.list("SELECT escalation.rebuild_evaluation_aggregates()", row -> 1);
            assertThat(aggregates()).isNotEmpty().isEqualTo(kept);
            return null;
        });
    }

    @Test
    void oneBatchGivesTheRowsTheSameEventsGiveOneAtATimeInTheOppositeOrderAndTwiceChangesNothing() throws Exception {
        List<CloudEvent<?>> events = cases();
        String batch = rolledBack(() -> {
            readModel.apply(events);
            return snapshot();
        });
        String oneByOne = rolledBack(() -> {
            List<CloudEvent<?>> reversed = new ArrayList<>(events);
            Collections.reverse(reversed);
            for (CloudEvent<?> e : reversed) {
                assertThat(readModel.apply(List.of(e))).isEqualTo(1);
            }
            return snapshot();
        });
        String twice = rolledBack(() -> {
            List<CloudEvent<?>> doubled = new ArrayList<>(events);
            doubled.addAll(events);
            assertThat(readModel.apply(doubled)).as("a repeat in the same batch").isEqualTo(events.size());
            assertThat(readModel.apply(events)).as("a repeat in a later batch").isZero();
            return snapshot();
        });
        assertThat(batch).contains(a, b, c, d, "RESPONSE", "ACCEPTANCE");
        assertThat(oneByOne).isEqualTo(batch);
        assertThat(twice).isEqualTo(batch);
    }

    /** Every row the read model keeps of the four cases, but the ids, versions and recording times. */
    String snapshot() {
        List<String> ids = List.of(a, b, c, d);
        StringBuilder all = new StringBuilder();
        all.append(json("SELECT request_id, event_id, event_type, stage, actor, actor_role, department, occurred_at, "
                + "detail_code, detail_params FROM escalation.timeline_entry WHERE request_id = ANY (?::text[]) "
                + "ORDER BY request_id, occurred_at, event_id", ids));
        all.append(json("SELECT request_id, grid_code, category, status, status_at, source, submitted_at, closed_at, "
                + "outcome, rating, rework_count, round, last_event_at FROM escalation.case_file "
                + "WHERE request_id = ANY (?::text[]) ORDER BY request_id", ids));
        all.append(json("SELECT * FROM escalation.case_fact WHERE request_id = ANY (?::text[]) ORDER BY request_id",
                ids));
        all.append(json("SELECT * FROM escalation.dispatch_fact WHERE request_id = ANY (?::text[]) "
                + "ORDER BY request_id, round, department", ids));
        all.append(json("SELECT * FROM escalation.escalation_fact WHERE request_id = ANY (?::text[]) "
                + "ORDER BY escalation_id", ids));
        return all.append(aggregates()).toString();
    }

    /** The street's aggregate rows that count something. */
    String aggregates() {
        return json("SELECT * FROM escalation.kpi_day WHERE grid_code LIKE '110105007%' AND (numerator <> 0 OR "
                + "denominator <> 0) ORDER BY grid_code, day, figure")
                + json("SELECT * FROM escalation.cycle_day WHERE grid_code LIKE '110105007%' AND cases <> 0 "
                + "ORDER BY grid_code, day, stage, bucket");
    }

    Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        sql.list("SELECT figure, sum(numerator), sum(denominator) FROM escalation.kpi_day WHERE grid_code LIKE "
                        + "'110105007%' AND day = DATE '2024-06-01' GROUP BY figure",
                row -> figures.put(row.getString(1), row.getLong(2) + "/" + row.getLong(3)));
        return figures;
    }

    /** How often each aggregate trigger function ran in this transaction. */
    Map<String, Long> triggerRuns() {
        Map<String, Long> runs = new LinkedHashMap<>();
        sql.list("SELECT funcname, calls FROM pg_stat_xact_user_functions WHERE schemaname = 'escalation' "
                + "AND funcname LIKE '%aggregate%'", row -> runs.put(row.getString(1), row.getLong(2)));
        return runs;
    }

    long timelineSize() {
        return sql.one("SELECT count(*) FROM escalation.timeline_entry WHERE request_id = ANY (?::text[])",
                row -> row.getLong(1), List.of(a, b, c, d)).orElseThrow();
    }

    String json(String query, Object... args) {
        return String.join("\n", sql.list("SELECT row_to_json(t)::text FROM (" + query + ") t",
                row -> row.getString(1), args)) + "\n";
    }

    <T> T rolledBack(Callable<T> work) throws Exception {
        transaction.begin();
        try {
            return work.call();
        } finally {
            transaction.rollback();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void add(EventType<?> type, String id, Actor actor, Instant at, Object payload) {
        all.add(TestEvents.event((EventType) type, id, actor, at, payload));
    }

    static RequestEvents.Submitted submitted(String id, String grid, Instant at) {
        return new RequestEvents.Submitted(id, "resident", "litter", "垃圾", LOCATION, grid, List.of(), false, at);
    }

    static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Duration h(long hours) {
        return Duration.ofHours(hours);
    }
}
