package org.gridloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each invariant of the fault run on a small valid dataset (passes) and with the violation it exists for seeded
 * (caught, by that check and counted under its figure).
 */
class InvariantsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUESTS = "gridloop.requests";
    private static final String DISPATCHES = "gridloop.dispatches";
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final Set<String> acknowledged = new LinkedHashSet<>();
    private final Map<String, Invariants.Request> requests = new HashMap<>();
    private final Map<String, List<Invariants.Event>> events = new HashMap<>();
    private final Map<String, List<Invariants.Row>> timeline = new HashMap<>();
    private final Map<String, List<Invariants.Assignment>> assignments = new HashMap<>();
    private final List<Invariants.Fault> faults = new ArrayList<>();
    private final List<Invariants.Stop> stops = new ArrayList<>();
    private final Map<String, Long> submissions = new HashMap<>();
    private long offered;
    private long aggregatesOff;
    private int clock;
    private long rowIds;

    /**
     * A whistled case closed RESOLVED (two departments called, both assigned), a case rejected by its grid worker,
     * a report merged into the first; one fault before the first case closes; four offered, three acknowledged, one
     * refused by admission control.
     */
    @BeforeEach
    void validCity() {
        request("A", "CLOSED", "RESOLVED", null);
        event("A", "gridloop.request.submitted.v1", REQUESTS, "{}");
        event("A", "gridloop.request.accepted.v1", REQUESTS, "{}");
        event("A", "gridloop.request.routed-to-grid.v1", REQUESTS, "{}");
        event("A", "gridloop.request.whistle-blown.v1", REQUESTS, "{}");
        event("A", "gridloop.request.whistled.v1", REQUESTS, "{\"round\":1}");
        event("A", "gridloop.dispatch.started.v1", DISPATCHES, "{\"round\":1,\"departments\":["
                + "{\"department\":\"water\",\"role\":\"lead\"},{\"department\":\"housing\",\"role\":\"co\"}]}");
        assign("A", 1, "water");
        assign("A", 1, "housing");
        event("A", "gridloop.dispatch.reported-in.v1", DISPATCHES, "{\"round\":1,\"department\":\"water\"}");
        event("A", "gridloop.dispatch.answered.v1", DISPATCHES, "{\"round\":1,\"department\":\"water\"}");
        event("A", "gridloop.dispatch.reported-in.v1", DISPATCHES, "{\"round\":1,\"department\":\"housing\"}");
        event("A", "gridloop.dispatch.answered.v1", DISPATCHES, "{\"round\":1,\"department\":\"housing\"}");
        event("A", "gridloop.dispatch.resolved.v1", DISPATCHES, "{\"round\":1}");
        event("A", "gridloop.request.verification-requested.v1", REQUESTS, "{\"round\":1}");
        event("A", "gridloop.request.verified.v1", REQUESTS, "{\"round\":1,\"passed\":true}");
        event("A", "gridloop.request.feedback-requested.v1", REQUESTS, "{}");
        event("A", "gridloop.request.rated.v1", REQUESTS, "{\"rating\":5}");
        event("A", "gridloop.request.closed.v1", REQUESTS, "{\"outcome\":\"RESOLVED\",\"rating\":5}");

        request("B", "REJECTED", "REJECTED", null);
        event("B", "gridloop.request.submitted.v1", REQUESTS, "{}");
        event("B", "gridloop.request.accepted.v1", REQUESTS, "{}");
        event("B", "gridloop.request.routed-to-grid.v1", REQUESTS, "{}");
        event("B", "gridloop.request.claimed.v1", REQUESTS, "{}");
        event("B", "gridloop.request.rejected.v1", REQUESTS, "{\"reason\":\"NOT_ENOUGH_INFORMATION\"}");
        event("B", "gridloop.request.closed.v1", REQUESTS, "{\"outcome\":\"REJECTED\"}");

        request("C", "MERGED", "MERGED", "A");
        event("C", "gridloop.request.merged.v1", REQUESTS, "{\"intoRequestId\":\"A\"}");

        faults.add(new Invariants.Fault("kill -9 grid-intake and restart", T0.plusMillis(2), T0.plusMillis(4)));
        offered = 4;
        submissions.put("acknowledged", 3L);
        submissions.put("refused 503+Retry-After", 1L);
    }

    @Test
    void theValidCityPassesEveryCheck() {
        Invariants.Result result = check();
        result.checks().forEach(c -> assertTrue(c.passed(), c.name + ": " + c.violations));
        assertTrue(result.passed());
        assertEquals(8, result.checks().size());
        Map<String, Object> terminal = result.check(Invariants.TERMINAL_STATE).figures;
        assertEquals(3L, terminal.get("reachedTerminalState"));
        assertEquals(0L, terminal.get("lost"));
        assertEquals(23L, result.check(Invariants.READ_MODEL_APPLIED_ONCE).figures.get("timelineRows"));
        assertEquals(2L, result.check(Invariants.DEPARTMENTS_CALLED_ONCE).figures.get("assignmentRows"));
        assertEquals(3L, result.check(Invariants.TIMELINE_ORDER).figures.get("timelinesChecked"));
        Map<String, Object> load = result.check(Invariants.LOAD_ACCOUNTED).figures;
        assertEquals(4L, load.get("offered"));
        assertEquals(1L, load.get("refused"));
        assertEquals(0L, load.get("unanswered"));
    }

    @Test
    void nothingAcknowledgedDoesNotPass() {
        acknowledged.clear();
        submissions.clear();
        offered = 0;
        assertFalse(check().passed());
    }

    // terminal-state

    @Test
    void aRejectedCaseWithoutItsClosedEventIsCaught() {
        dropEvent("B", "gridloop.request.closed.v1");
        Invariants.Check c = failed(Invariants.TERMINAL_STATE);
        assertEquals(1L, c.figures.get("terminalEventMissing"));
        assertTrue(c.violations.get(0).startsWith("B: 0 closed events"), c.violations.toString());
    }

    @Test
    void aRejectedCaseClosedWithAnotherOutcomeIsCaught() {
        replaceData("B", "gridloop.request.closed.v1", "{\"outcome\":\"RESOLVED\"}");
        assertEquals(1L, failed(Invariants.TERMINAL_STATE).figures.get("wrongTerminalEvent"));
    }

    @Test
    void aClosedOutcomeOtherThanTheDatabasesIsCaught() {
        request("A", "CLOSED", "UNSATISFIED", null);
        assertEquals(1L, failed(Invariants.TERMINAL_STATE).figures.get("wrongTerminalEvent"));
    }

    @Test
    void twoClosedEventsOfOneCaseAreCaught() {
        event("A", "gridloop.request.closed.v1", REQUESTS, "{\"outcome\":\"RESOLVED\",\"rating\":5}");
        assertEquals(1L, failed(Invariants.TERMINAL_STATE).figures.get("closedTwice"));
    }

    @Test
    void aMergedReportThatAlsoClosedIsCaught() {
        event("C", "gridloop.request.closed.v1", REQUESTS, "{\"outcome\":\"MERGED\"}");
        assertEquals(1L, failed(Invariants.TERMINAL_STATE).figures.get("wrongTerminalEvent"));
    }

    @Test
    void aMergedReportWithoutItsMergedEventIsCaught() {
        dropEvent("C", "gridloop.request.merged.v1");
        assertEquals(1L, failed(Invariants.TERMINAL_STATE).figures.get("terminalEventMissing"));
    }

    @Test
    void aRequestStillOpenOrWithoutARowIsLost() {
        request("B", "GRID_HANDLING", null, null);
        requests.remove("C");
        Invariants.Check c = failed(Invariants.TERMINAL_STATE);
        assertEquals(2L, c.figures.get("lost"));
    }

    // read-model-applied-once

    @Test
    void aTimelineRowMissingIsCaught() {
        timeline.get("A").removeIf(r -> r.eventType().equals("gridloop.dispatch.answered.v1"));
        Invariants.Check c = failed(Invariants.READ_MODEL_APPLIED_ONCE);
        assertEquals(2L, c.figures.get("missing"));
    }

    @Test
    void aTimelineRowOfNoEventOnTheTopicsIsCaught() {
        timeline.get("B").add(new Invariants.Row(++rowIds, "not-on-any-topic", "gridloop.request.closed.v1",
                T0.plusMillis(999), T0.plusMillis(999)));
        assertEquals(1L, failed(Invariants.READ_MODEL_APPLIED_ONCE).figures.get("notOnTopics"));
    }

    @Test
    void anEventAppliedTwiceIsCaught() {
        Invariants.Row first = timeline.get("B").get(0);
        timeline.get("B").add(new Invariants.Row(++rowIds, first.eventId(), first.eventType(), first.occurredAt(),
                first.recordedAt()));
        assertEquals(1L, failed(Invariants.READ_MODEL_APPLIED_ONCE).figures.get("appliedTwice"));
    }

    // departments-called-once

    @Test
    void aDepartmentAssignedThatDispatchStartedDidNotCallIsCaught() {
        assign("A", 1, "gas");
        Invariants.Check c = failed(Invariants.DEPARTMENTS_CALLED_ONCE);
        assertEquals(1L, c.figures.get("departmentsExtra"));
        assertTrue(c.violations.get(0).contains("gas"), c.violations.toString());
    }

    @Test
    void aCalledDepartmentWithoutAssignmentIsCaught() {
        assignments.get("A").removeIf(a -> a.department().equals("housing"));
        assertEquals(1L, failed(Invariants.DEPARTMENTS_CALLED_ONCE).figures.get("departmentsMissing"));
    }

    @Test
    void aSecondDispatchStartedForOneRoundIsCaught() {
        event("A", "gridloop.dispatch.started.v1", DISPATCHES, "{\"round\":1,\"departments\":["
                + "{\"department\":\"water\",\"role\":\"lead\"},{\"department\":\"housing\",\"role\":\"co\"}]}");
        assertEquals(1L, failed(Invariants.DEPARTMENTS_CALLED_ONCE).figures.get("dispatchedTwice"));
    }

    @Test
    void aDepartmentNamedTwiceIsCaught() {
        replaceData("A", "gridloop.dispatch.started.v1", "{\"round\":1,\"departments\":["
                + "{\"department\":\"water\",\"role\":\"lead\"},{\"department\":\"water\",\"role\":\"co\"},"
                + "{\"department\":\"housing\",\"role\":\"co\"}]}");
        assertEquals(1L, failed(Invariants.DEPARTMENTS_CALLED_ONCE).figures.get("departmentsCalledTwice"));
    }

    @Test
    void aWhistleNeverDispatchedIsCaught() {
        event("A", "gridloop.request.whistled.v1", REQUESTS, "{\"round\":2}");
        assertEquals(1L, failed(Invariants.DEPARTMENTS_CALLED_ONCE).figures.get("notDispatched"));
    }

    @Test
    void aDepartmentReroutedToByADisputeDecisionIsExpected() {
        event("A", "gridloop.dispatch.dispute-decided.v1", DISPATCHES, "{\"round\":1,\"department\":\"housing\","
                + "\"decision\":\"REROUTED\",\"toDepartment\":\"landscaping\"}");
        assign("A", 1, "landscaping");
        assertTrue(check().check(Invariants.DEPARTMENTS_CALLED_ONCE).passed());
    }

    // timeline-order

    @Test
    void twoRowsInSwappedOrderAreCaught() {
        // verified and feedback-requested came from one step at one time: the row ids must keep the topic's order
        List<Invariants.Event> a = events.get("A");
        int verified = indexOf(a, "gridloop.request.verified.v1");
        Invariants.Event v = a.get(verified);
        Invariants.Event f = a.get(verified + 1);
        a.set(verified + 1, new Invariants.Event(f.id(), f.type(), f.topic(), v.time(), f.data()));
        List<Invariants.Row> rows = timeline.get("A");
        for (int i = 0; i < rows.size(); i++) {
            Invariants.Row r = rows.get(i);
            if (r.eventId().equals(v.id())) {
                rows.set(i, new Invariants.Row(r.id() + 1, r.eventId(), r.eventType(), v.time(), v.time()));
            } else if (r.eventId().equals(f.id())) {
                rows.set(i, new Invariants.Row(r.id() - 1, r.eventId(), r.eventType(), v.time(), v.time()));
            }
        }
        Invariants.Check c = failed(Invariants.TIMELINE_ORDER);
        assertEquals(1L, c.figures.get("outOfOrder"));
        assertEquals(0L, c.figures.get("timeDiffers"));
        assertTrue(check().check(Invariants.READ_MODEL_APPLIED_ONCE).passed(), "every event is there, once");
    }

    @Test
    void aRowAtAnotherTimeThanItsEventIsCaught() {
        List<Invariants.Row> rows = timeline.get("B");
        Invariants.Row last = rows.get(rows.size() - 1);
        rows.set(rows.size() - 1, new Invariants.Row(last.id(), last.eventId(), last.eventType(),
                last.occurredAt().plusSeconds(60), last.recordedAt()));
        assertEquals(1L, failed(Invariants.TIMELINE_ORDER).figures.get("timeDiffers"));
    }

    // recovered-after-fault

    @Test
    void recoveredInIsFromTheFaultToTheFirstClosingAfterIt() {
        Map<?, ?> fault = (Map<?, ?>) ((List<?>) check().check(Invariants.RECOVERY).figures.get("faults")).get(0);
        // A's closed event is the 16th event (T0 + 15 ms), B's the 22nd; the fault lasted from T0 + 2 ms to + 4 ms
        assertEquals(0.013, fault.get("recoveredInSeconds"));
        assertEquals(0.002, fault.get("injectionSeconds"));
        assertEquals(0L, fault.get("closedDuringInjection"));
        assertEquals(0.011, fault.get("firstCloseAfterInjectionSeconds"));
    }

    @Test
    void aFaultWithNoClosingAfterItIsCaught() {
        faults.add(new Invariants.Fault("SIGSTOP report-in", T0.plusSeconds(60), T0.plusSeconds(110)));
        Invariants.Check c = failed(Invariants.RECOVERY);
        assertEquals(1L, c.figures.get("faultsWithoutClosingAfter"));
        assertTrue(c.violations.get(0).startsWith("SIGSTOP report-in"), c.violations.toString());
    }

    // load-accounted

    @Test
    void anOfferWithoutAnswerIsCaught() {
        offered = 5;
        assertEquals(1L, failed(Invariants.LOAD_ACCOUNTED).figures.get("unanswered"));
    }

    @Test
    void anAcknowledgementNotFollowedIsCaught() {
        submissions.put("acknowledged", 4L);
        offered = 5;
        assertFalse(check().check(Invariants.LOAD_ACCOUNTED).passed());
    }

    @Test
    void answersAreClassedAsTheDriverCountsThem() {
        assertEquals("acknowledged", Invariants.submitOutcome(201, false));
        assertEquals("refused 503+Retry-After", Invariants.submitOutcome(503, true));
        assertEquals("refused 429+Retry-After", Invariants.submitOutcome(429, true));
        assertEquals("refused 400", Invariants.submitOutcome(400, false));
        assertEquals("error 503", Invariants.submitOutcome(503, false));
        assertEquals("error 500", Invariants.submitOutcome(500, false));
        assertEquals("connection-failure", Invariants.submitOutcome(null, false));
    }

    // aggregates-match-rebuild

    @Test
    void aggregateRowsOffFromTheFactsAreCaught() {
        aggregatesOff = 3;
        assertEquals(3L, failed(Invariants.AGGREGATES).figures.get("rowsOffFromFacts"));
    }

    // graceful-stop

    @Test
    void aStopWithinTenSecondsPasses() {
        stops.add(new Invariants.Stop("grid-intake", 1, Duration.ofMillis(3_600), false));
        stops.add(new Invariants.Stop("grid-intake", 2, Duration.ofMillis(10_000), false));
        Invariants.Result result = check();
        assertTrue(result.passed());
        assertEquals(10.0, result.check(Invariants.GRACEFUL_STOP).figures.get("slowestSeconds"));
    }

    @Test
    void aStopSlowerThanTenSecondsIsCaught() {
        stops.add(new Invariants.Stop("grid-intake", 1, Duration.ofMillis(3_600), false));
        stops.add(new Invariants.Stop("grid-intake", 2, Duration.ofMillis(10_700), false));
        Invariants.Check c = failed(Invariants.GRACEFUL_STOP);
        assertEquals(1L, c.figures.get("slowerThanAllowed"));
        assertTrue(c.violations.get(0).startsWith("grid-intake instance 2: exited 10.7 s after SIGTERM"),
                c.violations.get(0));
    }

    @Test
    void anInstanceKilledAtTheEndOfTheGracePeriodIsCaught() {
        stops.add(new Invariants.Stop("report-in", 2, Duration.ofSeconds(30), true));
        assertEquals(1L, failed(Invariants.GRACEFUL_STOP).figures.get("killed"));
    }

    // the dataset

    private Invariants.Result check() {
        return Invariants.check(new Invariants.Data(acknowledged, requests, events, timeline, assignments,
                Set.copyOf(events.values().stream().flatMap(List::stream).map(Invariants.Event::type).toList()),
                faults, List.of(), offered, submissions, aggregatesOff, stops));
    }

    /** Runs every check; the named one must fail, and only it. */
    private Invariants.Check failed(String name) {
        Invariants.Result result = check();
        assertFalse(result.passed());
        for (Invariants.Check c : result.checks()) {
            assertEquals(!c.name.equals(name), c.passed(), c.name + ": " + c.violations);
        }
        return result.check(name);
    }

    private void request(String id, String status, String outcome, String mergedInto) {
        acknowledged.add(id);
        requests.put(id, new Invariants.Request(id, status, outcome, mergedInto));
    }

    /** The next event of the case, a millisecond after the last one, and its timeline row. */
    private void event(String request, String type, String topic, String data) {
        Instant at = T0.plusMillis(clock++);
        Invariants.Event e = new Invariants.Event(request + "-" + clock, type, topic, at, json(data));
        events.computeIfAbsent(request, k -> new ArrayList<>()).add(e);
        timeline.computeIfAbsent(request, k -> new ArrayList<>()).add(new Invariants.Row(++rowIds, e.id(), type, at,
                at.plusMillis(1)));
    }

    private void dropEvent(String request, String type) {
        events.get(request).removeIf(e -> e.type().equals(type));
        timeline.get(request).removeIf(r -> r.eventType().equals(type));
    }

    private void replaceData(String request, String type, String data) {
        List<Invariants.Event> list = events.get(request);
        int i = indexOf(list, type);
        Invariants.Event e = list.get(i);
        list.set(i, new Invariants.Event(e.id(), e.type(), e.topic(), e.time(), json(data)));
    }

    private void assign(String request, int round, String department) {
        assignments.computeIfAbsent(request, k -> new ArrayList<>()).add(new Invariants.Assignment(round, department));
    }

    private static int indexOf(List<Invariants.Event> list, String type) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).type().equals(type)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + type);
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }
}
