package org.gridloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.DisputeDecision;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EventTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The fault run's invariants, over plain data: what grid-intake's database says of each acknowledged request, the
 * distinct events the topics hold for it, the read model's timeline rows, report-in's department assignments, when
 * each fault was injected, and how the offered submissions were answered. {@link Faults} gathers the data (SQL and
 * the topics) and calls {@link #check}; nothing here touches a database or a broker, so each check has a unit test
 * that seeds the violation it exists to catch.
 *
 * <p>Each check is named ({@link #TERMINAL_STATE} …), counts its violations and keeps its figures; the run passes when
 * no check has a violation and at least one request was acknowledged.
 */
final class Invariants {

    static final String TERMINAL_STATE = "terminal-state";
    static final String READ_MODEL_APPLIED_ONCE = "read-model-applied-once";
    static final String DEPARTMENTS_CALLED_ONCE = "departments-called-once";
    static final String TIMELINE_ORDER = "timeline-order";
    static final String RECOVERY = "recovered-after-fault";
    static final String LOAD_ACCOUNTED = "load-accounted";
    static final String AGGREGATES = "aggregates-match-rebuild";
    static final String GRACEFUL_STOP = "graceful-stop";

    /** How long a service asked to stop (SIGTERM) may take to exit: DESIGN.md's bar, a third of the grace period. */
    static final Duration STOP_WITHIN = Duration.ofSeconds(10);

    static final String CLOSED = EventTypes.REQUEST_CLOSED.name();
    static final String REJECTED = EventTypes.REQUEST_REJECTED.name();
    static final String MERGED = EventTypes.REQUEST_MERGED.name();
    static final String WHISTLED = EventTypes.REQUEST_WHISTLED.name();
    static final String DISPATCH_STARTED = EventTypes.DISPATCH_STARTED.name();
    static final String DISPUTE_DECIDED = EventTypes.DISPATCH_DISPUTE_DECIDED.name();
    static final String ESCALATION_DECIDED = EventTypes.ESCALATION_DECIDED.name();

    /** How far a timeline row's time may be from its event's: PostgreSQL keeps microseconds and rounds. */
    private static final Duration TIME_TOLERANCE = Duration.ofNanos(1_000);

    /** grid-intake's row of a request; {@code status} null when there is none. */
    record Request(String id, String status, String outcome, String mergedInto) {
    }

    /**
     * A distinct event of a request as the topics hold it: its first delivery, and per topic in the order of its
     * partition (a request's events are keyed by its id, so each topic has them on one partition, in order).
     */
    record Event(String id, String type, String topic, Instant time, JsonNode data) {
    }

    /** A row of {@code escalation.timeline_entry}. */
    record Row(long id, String eventId, String eventType, Instant occurredAt, Instant recordedAt) {
    }

    /** A row of {@code report_in.department_assignment} (of the request it is listed under). */
    record Assignment(int round, String department) {
    }

    /** An injected fault: when it began, and when the injection was done (restarted, resumed). */
    record Fault(String name, Instant start, Instant end) {
    }

    /** An instance asked to stop (SIGTERM, in a rolling restart): how long until it exited, whether it was killed. */
    record Stop(String service, int instance, Duration took, boolean killed) {
    }

    /**
     * Everything the checks read. {@code submissions}: the driver's count of what it offered and each answer's
     * class ({@link #submitOutcome}) with its count. {@code observedCloses}: when the simulator saw each of its cases
     * close (may be empty). {@code recordedTypes}: the event types the read model records on a timeline.
     * {@code stops}: the instances stopped by SIGTERM (none when the run had no replicas to roll).
     */
    record Data(Set<String> acknowledged, Map<String, Request> requests, Map<String, List<Event>> events,
                Map<String, List<Row>> timeline, Map<String, List<Assignment>> assignments, Set<String> recordedTypes,
                List<Fault> faults, List<Instant> observedCloses, long offered, Map<String, Long> submissions,
                long aggregateRowsOff, List<Stop> stops) {
    }

    /** One check's outcome: its violations (each naming the request or fault, and the events) and its figures. */
    static final class Check {
        final String name;
        final String meaning;
        final Map<String, Object> figures = new LinkedHashMap<>();
        final List<String> violations = new ArrayList<>();

        Check(String name, String meaning) {
            this.name = name;
            this.meaning = meaning;
        }

        boolean passed() {
            return violations.isEmpty();
        }

        private void count(String figure) {
            figures.merge(figure, 1L, (a, b) -> (Long) a + (Long) b);
        }

        private void violation(String figure, String what) {
            count(figure);
            violations.add(what);
        }

        Map<String, Object> toMap(int examples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", name);
            m.put("meaning", meaning);
            m.put("violations", violations.size());
            m.put("figures", figures);
            m.put("examples", violations.size() > examples ? violations.subList(0, examples) : violations);
            return m;
        }
    }

    /** Every check, in the order of the report. */
    record Result(List<Check> checks, boolean passed) {
        Check check(String name) {
            return checks.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
        }
    }

    private Invariants() {
    }

    static Result check(Data d) {
        List<Check> checks = List.of(terminalState(d), readModelAppliedOnce(d), departmentsCalledOnce(d),
                timelineOrder(d), recovery(d), loadAccounted(d), aggregates(d), gracefulStop(d));
        boolean passed = !d.acknowledged().isEmpty() && checks.stream().allMatch(Check::passed);
        return new Result(checks, passed);
    }

    /**
     * Every acknowledged request reached exactly one terminal state, and the topics hold its terminal event of the
     * right kind (what grid-intake emits): CLOSED → one {@code request.closed} with the outcome the database has;
     * REJECTED → one {@code request.rejected} and one {@code request.closed} with outcome REJECTED (the process's
     * rejected sub-process closes it); MERGED → one {@code request.merged} naming the request it was merged into, and
     * no {@code request.closed} of its own (a merged report starts no process).
     */
    static Check terminalState(Data d) {
        Check c = new Check(TERMINAL_STATE, "every acknowledged request reached exactly one terminal state, with its "
                + "terminal event of the right kind on the topics");
        c.figures.put("acknowledged", (long) d.acknowledged().size());
        c.figures.put("reachedTerminalState", 0L);
        c.figures.put("lost", 0L);
        c.figures.put("closedTwice", 0L);
        c.figures.put("terminalEventMissing", 0L);
        c.figures.put("wrongTerminalEvent", 0L);
        Map<String, Long> byStatus = new TreeMap<>();
        for (String id : new TreeSet<>(d.acknowledged())) {
            Request r = d.requests().get(id);
            String status = r == null ? null : r.status();
            List<Event> events = d.events().getOrDefault(id, List.of());
            List<Event> closed = ofType(events, CLOSED);
            byStatus.merge(String.valueOf(status), 1L, Long::sum);
            switch (status == null ? "" : status) {
                case "CLOSED" -> {
                    c.count("reachedTerminalState");
                    if (oneClosed(c, id, closed)) {
                        String outcome = closed.get(0).data().path("outcome").asText(null);
                        if (!Objects.equals(outcome, r.outcome())) {
                            c.violation("wrongTerminalEvent", id + ": CLOSED with outcome " + r.outcome()
                                    + " in the database, its closed event " + closed.get(0).id() + " says " + outcome);
                        }
                    }
                }
                case "REJECTED" -> {
                    c.count("reachedTerminalState");
                    List<Event> rejected = ofType(events, REJECTED);
                    if (rejected.size() != 1) {
                        c.violation(rejected.isEmpty() ? "terminalEventMissing" : "wrongTerminalEvent", id
                                + ": REJECTED with " + rejected.size() + " rejected events " + ids(rejected));
                    }
                    if (oneClosed(c, id, closed)) {
                        String outcome = closed.get(0).data().path("outcome").asText(null);
                        if (!CaseOutcome.REJECTED.name().equals(outcome)) {
                            c.violation("wrongTerminalEvent", id + ": REJECTED, its closed event "
                                    + closed.get(0).id() + " says " + outcome);
                        }
                    }
                }
                case "MERGED" -> {
                    c.count("reachedTerminalState");
                    List<Event> merged = ofType(events, MERGED);
                    if (merged.size() != 1) {
                        c.violation(merged.isEmpty() ? "terminalEventMissing" : "wrongTerminalEvent", id
                                + ": MERGED with " + merged.size() + " merged events " + ids(merged));
                    } else {
                        String into = merged.get(0).data().path("intoRequestId").asText(null);
                        if (r.mergedInto() == null || !r.mergedInto().equals(into)) {
                            c.violation("wrongTerminalEvent", id + ": merged into " + r.mergedInto()
                                    + " in the database, its merged event " + merged.get(0).id() + " says " + into);
                        }
                    }
                    if (!closed.isEmpty()) {
                        c.violation("wrongTerminalEvent", id + ": MERGED, yet closed by " + ids(closed));
                    }
                }
                default -> c.violation("lost", id + " did not reach a terminal state (status " + status + ", "
                        + events.size() + " events on the topics, the last " + (events.isEmpty() ? "none"
                        : events.get(events.size() - 1).type()) + ")");
            }
        }
        c.figures.put("byStatus", byStatus);
        return c;
    }

    private static boolean oneClosed(Check c, String id, List<Event> closed) {
        if (closed.size() == 1) {
            return true;
        }
        c.violation(closed.isEmpty() ? "terminalEventMissing" : "closedTwice", id + ": " + closed.size()
                + " closed events " + ids(closed));
        return false;
    }

    /**
     * The read model applied each event once: each acknowledged request's timeline rows against the distinct events
     * of the types the read model records on the topics. An event without a row is lost to the read model; a row
     * whose event is not on the topics (or under another type) was made up; two rows of one event were applied twice
     * (the unique event id forbids it, counted anyway).
     */
    static Check readModelAppliedOnce(Data d) {
        Check c = new Check(READ_MODEL_APPLIED_ONCE, "each event of a case on the topics has exactly one row in "
                + "escalation.timeline_entry, and every row is such an event");
        long events = 0;
        long rows = 0;
        c.figures.put("missing", 0L);
        c.figures.put("notOnTopics", 0L);
        c.figures.put("appliedTwice", 0L);
        for (String id : new TreeSet<>(d.acknowledged())) {
            Map<String, Event> expected = new LinkedHashMap<>();
            for (Event e : d.events().getOrDefault(id, List.of())) {
                if (d.recordedTypes().contains(e.type())) {
                    expected.put(e.id(), e);
                }
            }
            events += expected.size();
            List<Row> timeline = d.timeline().getOrDefault(id, List.of());
            rows += timeline.size();
            Set<String> seen = new HashSet<>();
            for (Row row : timeline) {
                Event e = expected.get(row.eventId());
                if (!seen.add(row.eventId())) {
                    c.violation("appliedTwice", id + ": event " + row.eventId() + " (" + row.eventType()
                            + ") has two timeline rows");
                } else if (e == null) {
                    c.violation("notOnTopics", id + ": timeline row " + row.id() + " for event " + row.eventId()
                            + " (" + row.eventType() + "), which the topics do not hold for this request");
                } else if (!e.type().equals(row.eventType())) {
                    c.violation("notOnTopics", id + ": timeline row " + row.id() + " records event "
                            + row.eventId() + " as " + row.eventType() + ", the topics have it as " + e.type());
                }
            }
            for (Event e : expected.values()) {
                if (!seen.contains(e.id())) {
                    c.violation("missing", id + ": event " + e.id() + " (" + e.type() + ") is on " + e.topic()
                            + " but not on the timeline");
                }
            }
        }
        c.figures.put("eventsOnTopics", events);
        c.figures.put("timelineRows", rows);
        return c;
    }

    /**
     * Each department was called once per whistle: per request and round at most one {@code dispatch.started}
     * (distinct event ids), every {@code request.whistled} round has one, no department named twice, and report-in's
     * assignment rows for the round are exactly the departments dispatch.started named, plus those a dispute
     * decision REROUTED to in that round (and those an escalation decision REASSIGNed to, in any round of the
     * request): none missing, none extra.
     */
    static Check departmentsCalledOnce(Data d) {
        Check c = new Check(DEPARTMENTS_CALLED_ONCE, "per whistle round one dispatch.started, and report-in's "
                + "department assignments are exactly the departments the events called");
        long rounds = 0;
        long named = 0;
        long rows = 0;
        for (String figure : List.of("dispatchedTwice", "notDispatched", "departmentsCalledTwice",
                "departmentsMissing", "departmentsExtra")) {
            c.figures.put(figure, 0L);
        }
        for (String id : new TreeSet<>(d.acknowledged())) {
            List<Event> events = d.events().getOrDefault(id, List.of());
            Map<Integer, List<Event>> started = new TreeMap<>();
            Set<Integer> whistled = new TreeSet<>();
            Map<Integer, List<String>> rerouted = new HashMap<>();
            List<String> reassigned = new ArrayList<>();
            for (Event e : events) {
                if (e.type().equals(DISPATCH_STARTED)) {
                    started.computeIfAbsent(e.data().path("round").asInt(), k -> new ArrayList<>()).add(e);
                } else if (e.type().equals(WHISTLED)) {
                    whistled.add(e.data().path("round").asInt());
                } else if (e.type().equals(DISPUTE_DECIDED) && DisputeDecision.REROUTED.name()
                        .equals(e.data().path("decision").asText())) {
                    rerouted.computeIfAbsent(e.data().path("round").asInt(), k -> new ArrayList<>())
                            .add(e.data().path("toDepartment").asText());
                } else if (e.type().equals(ESCALATION_DECIDED)
                        && EscalationDecision.REASSIGN.name().equals(e.data().path("decision").asText())) {
                    reassigned.add(e.data().path("toDepartment").asText());
                }
            }
            Map<Integer, List<String>> assigned = new TreeMap<>();
            for (Assignment a : d.assignments().getOrDefault(id, List.of())) {
                assigned.computeIfAbsent(a.round(), k -> new ArrayList<>()).add(a.department());
                rows++;
            }
            Set<Integer> all = new TreeSet<>(started.keySet());
            all.addAll(whistled);
            all.addAll(assigned.keySet());
            for (int round : all) {
                List<Event> s = started.getOrDefault(round, List.of());
                List<String> actual = assigned.getOrDefault(round, List.of());
                if (s.size() > 1) {
                    c.violation("dispatchedTwice", id + " round " + round + ": " + s.size()
                            + " dispatch.started events " + ids(s));
                }
                if (s.isEmpty()) {
                    c.violation("notDispatched", id + " round " + round + ": "
                            + (whistled.contains(round) ? "whistled" : "") + (actual.isEmpty() ? "" : " "
                            + actual.size() + " assignments " + actual) + " but no dispatch.started");
                    continue;
                }
                rounds++;
                List<String> names = new ArrayList<>();
                s.get(0).data().path("departments").forEach(x -> names.add(x.path("department").asText()));
                named += names.size();
                for (String twice : duplicates(names)) {
                    c.violation("departmentsCalledTwice", id + " round " + round + ": " + s.get(0).id()
                            + " names " + twice + " twice");
                }
                for (String twice : duplicates(actual)) {
                    c.violation("departmentsCalledTwice", id + " round " + round + ": " + twice
                            + " has two assignments");
                }
                Set<String> expected = new TreeSet<>(names);
                expected.addAll(rerouted.getOrDefault(round, List.of()));
                for (String department : expected) {
                    if (!actual.contains(department)) {
                        c.violation("departmentsMissing", id + " round " + round + ": " + department
                                + " called by " + s.get(0).id() + " has no assignment in report-in");
                    }
                }
                for (String department : new TreeSet<>(actual)) {
                    if (!expected.contains(department) && !reassigned.remove(department)) {
                        c.violation("departmentsExtra", id + " round " + round + ": report-in assigned "
                                + department + ", which " + s.get(0).id() + " did not call " + names);
                    }
                }
            }
        }
        c.figures.put("dispatchRounds", rounds);
        c.figures.put("departmentsNamed", named);
        c.figures.put("assignmentRows", rows);
        return c;
    }

    /**
     * The timeline is in the order of the events: each request's rows, ordered as the service orders them (occurred
     * at, recorded at, id), hold the events of each topic in that topic's order (a request's events are on one
     * partition per topic: the topic's order is the truth), and each row's time is its event's own time (so the
     * order across topics is the events' times). Every row is looked at, not just the first and the last.
     */
    static Check timelineOrder(Data d) {
        Check c = new Check(TIMELINE_ORDER, "each case's timeline (occurred_at, recorded_at, id) follows each topic's "
                + "order of its events, and each row has its event's time");
        c.figures.put("outOfOrder", 0L);
        c.figures.put("timeDiffers", 0L);
        long checked = 0;
        for (String id : new TreeSet<>(d.acknowledged())) {
            List<Row> rows = new ArrayList<>(d.timeline().getOrDefault(id, List.of()));
            if (rows.isEmpty()) {
                continue;
            }
            checked++;
            rows.sort(Comparator.comparing(Row::occurredAt).thenComparing(Row::recordedAt)
                    .thenComparingLong(Row::id));
            Map<String, Event> byId = new HashMap<>();
            d.events().getOrDefault(id, List.of()).forEach(e -> byId.putIfAbsent(e.id(), e));
            Set<String> onTimeline = rows.stream().map(Row::eventId).collect(Collectors.toSet());
            Map<String, List<String>> topicOrder = new TreeMap<>();
            for (Event e : d.events().getOrDefault(id, List.of())) {
                if (onTimeline.contains(e.id())) {
                    topicOrder.computeIfAbsent(e.topic(), k -> new ArrayList<>()).add(e.id());
                }
            }
            Map<String, List<String>> rowOrder = new TreeMap<>();
            Set<String> placed = new HashSet<>();
            for (Row row : rows) {
                Event e = byId.get(row.eventId());
                if (e == null || !placed.add(e.id())) {
                    continue; // not on the topics, or a second row: the read-model check reports those
                }
                rowOrder.computeIfAbsent(e.topic(), k -> new ArrayList<>()).add(e.id());
                if (Duration.between(e.time(), row.occurredAt()).abs().compareTo(TIME_TOLERANCE) > 0) {
                    c.violation("timeDiffers", id + ": timeline row " + row.id() + " of " + e.id() + " ("
                            + e.type() + ") at " + row.occurredAt() + ", the event's time is " + e.time());
                }
            }
            for (Map.Entry<String, List<String>> topic : topicOrder.entrySet()) {
                List<String> timeline = rowOrder.getOrDefault(topic.getKey(), List.of());
                int at = firstDifference(topic.getValue(), timeline);
                if (at >= 0) {
                    c.violation("outOfOrder", id + ": on " + topic.getKey() + " event " + (at + 1) + " of "
                            + topic.getValue().size() + " is " + describe(byId, topic.getValue(), at)
                            + ", the timeline has " + describe(byId, timeline, at) + " there");
                }
            }
        }
        c.figures.put("timelinesChecked", checked);
        return c;
    }

    private static String describe(Map<String, Event> byId, List<String> ids, int at) {
        if (at >= ids.size()) {
            return "nothing";
        }
        Event e = byId.get(ids.get(at));
        return ids.get(at) + " (" + (e == null ? "?" : e.type()) + ")";
    }

    private static int firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size() || !a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Recovery, per fault: how long from the fault's start until a case closes again (the first
     * {@code request.closed} whose time is at or after the start: how long the loop stood still; small when the fault
     * did not stop closings), how many closed while the injection lasted, and how long after the injection ended
     * (restarted, resumed) the first case closed. A fault after whose end no case closes within the run is a
     * violation. When the simulator's own sightings of closings are given, the same is reported for them.
     */
    static Check recovery(Data d) {
        Check c = new Check(RECOVERY, "after each fault the loop closes cases again: time from the fault's start to "
                + "the first closing after it");
        List<Instant> closes = new ArrayList<>();
        d.events().values().forEach(events -> ofType(events, CLOSED).forEach(e -> closes.add(e.time())));
        closes.sort(null);
        List<Instant> seen = new ArrayList<>(d.observedCloses());
        seen.sort(null);
        List<Map<String, Object>> perFault = new ArrayList<>();
        c.figures.put("faultsWithoutClosingAfter", 0L);
        for (Fault f : d.faults()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fault", f.name());
            m.put("at", f.start().toString());
            m.put("injectionSeconds", seconds(f.start(), f.end()));
            Instant first = firstAtOrAfter(closes, f.start());
            m.put("recoveredInSeconds", first == null ? null : seconds(f.start(), first));
            m.put("closedDuringInjection", closes.stream()
                    .filter(t -> !t.isBefore(f.start()) && t.isBefore(f.end())).count());
            Instant afterEnd = firstAtOrAfter(closes, f.end());
            m.put("firstCloseAfterInjectionSeconds", afterEnd == null ? null : seconds(f.end(), afterEnd));
            if (!seen.isEmpty()) {
                Instant sighted = firstAtOrAfter(seen, f.start());
                m.put("firstCloseSeenBySimulatorSeconds", sighted == null ? null : seconds(f.start(), sighted));
            }
            if (afterEnd == null) {
                c.violation("faultsWithoutClosingAfter", f.name() + " (" + f.start() + " – " + f.end()
                        + "): no case closed after it (" + closes.size() + " closings in the run, the last at "
                        + (closes.isEmpty() ? "none" : closes.get(closes.size() - 1)) + ")");
            }
            perFault.add(m);
        }
        c.figures.put("closings", (long) closes.size());
        c.figures.put("faults", perFault);
        return c;
    }

    /**
     * Every instance asked to stop (SIGTERM) exited on its own within {@link #STOP_WITHIN}: it finished or gave up
     * its in-flight work, committed what it consumed and left its consumer group, so a rolling restart under load
     * neither waits for the grace period nor ends in a kill (which would leave its partitions to the session
     * timeout). A stop that took longer, or an instance killed at the end of the grace period, is a violation.
     */
    static Check gracefulStop(Data d) {
        Check c = new Check(GRACEFUL_STOP, "every instance asked to stop (SIGTERM) exited on its own within "
                + STOP_WITHIN.toSeconds() + " s");
        c.figures.put("stops", (long) d.stops().size());
        c.figures.put("slowerThanAllowed", 0L);
        c.figures.put("killed", 0L);
        c.figures.put("slowestSeconds", d.stops().stream().mapToLong(s -> s.took().toMillis()).max().orElse(0)
                / 1000.0);
        for (Stop s : d.stops()) {
            String who = s.service() + " instance " + s.instance();
            if (s.killed()) {
                c.violation("killed", who + ": still running " + s.took().toMillis() / 1000.0
                        + " s after SIGTERM, killed");
            } else if (s.took().compareTo(STOP_WITHIN) > 0) {
                c.violation("slowerThanAllowed", who + ": exited " + s.took().toMillis() / 1000.0
                        + " s after SIGTERM (allowed " + STOP_WITHIN.toSeconds() + " s)");
            }
        }
        return c;
    }

    private static Instant firstAtOrAfter(List<Instant> sorted, Instant t) {
        for (Instant x : sorted) {
            if (!x.isBefore(t)) {
                return x;
            }
        }
        return null;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /**
     * The class of a submission's answer, as the driver counts it: {@code acknowledged} (201); {@code refused <status>}
     * for a 4xx, or a 503 with Retry-After (admission control), with {@code +Retry-After} when the header came;
     * {@code connection-failure} (no answer: refused connection, reset, timeout); {@code error <status>} otherwise.
     */
    static String submitOutcome(Integer status, boolean retryAfter) {
        if (status == null) {
            return "connection-failure";
        }
        if (status == 201) {
            return "acknowledged";
        }
        if ((status >= 400 && status < 500) || (status == 503 && retryAfter)) {
            return "refused " + status + (retryAfter ? "+Retry-After" : "");
        }
        return "error " + status;
    }

    /**
     * The load as offered: offered = acknowledged + refused + connection failures + errors, every offer answered, and
     * the driver's acknowledged count equal to the requests the checks followed.
     */
    static Check loadAccounted(Data d) {
        Check c = new Check(LOAD_ACCOUNTED, "offered submissions = acknowledged + refused + connection failures + "
                + "errors; each answered, each acknowledgement followed");
        long acknowledged = 0;
        long refused = 0;
        long failures = 0;
        long errors = 0;
        for (Map.Entry<String, Long> e : new TreeMap<>(d.submissions()).entrySet()) {
            String k = e.getKey();
            if (k.equals("acknowledged")) {
                acknowledged += e.getValue();
            } else if (k.startsWith("refused")) {
                refused += e.getValue();
            } else if (k.equals("connection-failure")) {
                failures += e.getValue();
            } else {
                errors += e.getValue();
            }
        }
        long unanswered = d.offered() - acknowledged - refused - failures - errors;
        c.figures.put("offered", d.offered());
        c.figures.put("acknowledged", acknowledged);
        c.figures.put("refused", refused);
        c.figures.put("connectionFailures", failures);
        c.figures.put("errors", errors);
        c.figures.put("unanswered", unanswered);
        c.figures.put("byAnswer", new TreeMap<>(d.submissions()));
        if (unanswered != 0) {
            c.violations.add(d.offered() + " offered, " + (d.offered() - unanswered) + " answered: " + unanswered
                    + " submissions without an answer");
        }
        if (acknowledged != d.acknowledged().size()) {
            c.violations.add(acknowledged + " acknowledgements counted by the driver, " + d.acknowledged().size()
                    + " requests followed");
        }
        return c;
    }

    /** The evaluation aggregates the triggers kept equal a rebuild from the facts (counted by {@link Faults}). */
    static Check aggregates(Data d) {
        Check c = new Check(AGGREGATES, "the rows of kpi_day / cycle_day / category_day the triggers kept, the "
                + "departments' (dept_kpi_day, dept_cycle_day), and their roll-ups per unit and period with the deltas "
                + "not folded yet, equal a rebuild from the facts");
        c.figures.put("rowsOffFromFacts", d.aggregateRowsOff());
        if (d.aggregateRowsOff() != 0) {
            c.violations.add(d.aggregateRowsOff() + " rows of the evaluation aggregates or their roll-ups differ from "
                    + "a rebuild");
        }
        return c;
    }

    private static List<Event> ofType(List<Event> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    private static String ids(Collection<Event> events) {
        return events.stream().map(Event::id).toList().toString();
    }

    private static Set<String> duplicates(List<String> values) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new TreeSet<>();
        values.forEach(v -> {
            if (!seen.add(v)) {
                twice.add(v);
            }
        });
        return twice;
    }
}
