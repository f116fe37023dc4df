package org.gridloop.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the simulator measures on the client side: counters, latencies, and 5-second windows over time. */
final class Metrics {

    static final int WINDOW_SECONDS = 5;
    /** How many abandoned cases are kept as examples (all are counted). */
    static final int ABANDONED_EXAMPLES = 20;

    /** A case the driver gave up on: an action whose final outcome (after its retries) was not 2xx. */
    record Abandoned(String caseId, String action, String outcome, String error) {
    }

    /** Latencies in milliseconds; percentiles by sorting a copy (tens of thousands of samples at most). */
    static final class Latencies {
        private double[] values = new double[1024];
        private int size;

        synchronized void add(double ms) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = ms;
        }

        synchronized int count() {
            return size;
        }

        synchronized double percentile(double p) {
            if (size == 0) {
                return Double.NaN;
            }
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * size) - 1;
            return sorted[Math.max(0, Math.min(size - 1, i))];
        }

        synchronized Latencies since(int from) {
            Latencies l = new Latencies();
            for (int i = from; i < size; i++) {
                l.add(values[i]);
            }
            return l;
        }
    }

    static final class Window {
        final AtomicLong submitted = new AtomicLong();
        final AtomicLong submitErrors = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong closed = new AtomicLong();
        final Latencies submitLatency = new Latencies();
        volatile double offeredRate;
    }

    final long startNanos = System.nanoTime();
    final AtomicLong submitted = new AtomicLong();
    /** Submissions that failed: I/O errors and any answer but 201, refusals excepted. */
    final AtomicLong submitErrors = new AtomicLong();
    /** Submissions refused by admission control (503 or 429): not retried, not part of the city. */
    final AtomicLong refused = new AtomicLong();
    /** Submissions the driver offered (each sent once). */
    final AtomicLong offered = new AtomicLong();
    /** Each offered submission's answer, classed by {@link Invariants#submitOutcome}, with its count. */
    final Map<String, AtomicLong> submitOutcomes = new ConcurrentHashMap<>();
    /** When the simulator saw each of its cases close (the closed event's arrival). */
    final java.util.Queue<java.time.Instant> closesSeen = new java.util.concurrent.ConcurrentLinkedQueue<>();
    final AtomicLong merged = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong closed = new AtomicLong();
    final AtomicLong whistles = new AtomicLong();
    /** 回访 recorded by grid workers, and how many of them reached nobody. */
    final AtomicLong returnVisits = new AtomicLong();
    /** Raised on purpose by grid workers, and the decisions after a PARTLY / CANNOT_FIX answer. */
    final AtomicLong raised = new AtomicLong();
    /** Raised on purpose by street supervisors (attempted: an escalated case is refused). */
    final AtomicLong supervisorRaised = new AtomicLong();
    final AtomicLong callerDecisions = new AtomicLong();
    final AtomicLong notReached = new AtomicLong();
    final AtomicLong escalations = new AtomicLong();
    final AtomicLong decisions = new AtomicLong();
    final AtomicLong reopened = new AtomicLong();
    final Latencies submitLatency = new Latencies();
    final Latencies loopLatency = new Latencies();
    final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    final Map<String, Latencies> stages = new ConcurrentHashMap<>();
    /** action name -> "ok" / HTTP status / "io" -> count */
    final Map<String, Map<String, AtomicLong>> actions = new ConcurrentHashMap<>();
    /** action name -> its first attempt's "ok" / HTTP status / "io-error" -> count (submit is not an action) */
    final Map<String, Map<String, AtomicLong>> firstAttempts = new ConcurrentHashMap<>();
    final AtomicLong firstAttemptCount = new AtomicLong();
    final AtomicLong firstAttempt409Count = new AtomicLong();
    /** Each case abandoned once, under its first failed action; the examples are the first ones, in order. */
    final Map<String, Abandoned> abandoned = new ConcurrentHashMap<>();
    final AtomicLong abandonedCount = new AtomicLong();
    private final List<Abandoned> abandonedExamples = new ArrayList<>();
    final Map<Integer, Window> windows = new ConcurrentHashMap<>();
    volatile double offeredRate;

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    Window window() {
        int i = (int) (elapsedSeconds() / WINDOW_SECONDS);
        return windows.computeIfAbsent(i, k -> {
            Window w = new Window();
            w.offeredRate = offeredRate;
            return w;
        });
    }

    void action(String name, String result) {
        actions.computeIfAbsent(name, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(result, k -> new AtomicLong()).incrementAndGet();
    }

    /** The first attempt of an action: a 409 there means the action came before the service was ready for it. */
    void firstAttempt(String name, String result) {
        firstAttempts.computeIfAbsent(name, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(result, k -> new AtomicLong()).incrementAndGet();
        firstAttemptCount.incrementAndGet();
        if ("409".equals(result)) {
            firstAttempt409Count.incrementAndGet();
        }
    }

    /** Per action: {first attempts, of them answered 409}, to take differences between two moments. */
    Map<String, long[]> firstAttemptCounts() {
        Map<String, long[]> out = new TreeMap<>();
        firstAttempts.forEach((name, results) -> {
            long all = results.values().stream().mapToLong(AtomicLong::get).sum();
            AtomicLong conflicts = results.get("409");
            out.put(name, new long[]{all, conflicts == null ? 0 : conflicts.get()});
        });
        return out;
    }

    /** The action's final outcome was not 2xx: nobody will move this case on. */
    void abandon(String caseId, String action, String outcome, String error) {
        Abandoned a = new Abandoned(caseId, action, outcome,
                error == null || error.length() <= 200 ? error : error.substring(0, 200));
        if (abandoned.putIfAbsent(caseId, a) == null) {
            abandonedCount.incrementAndGet();
            synchronized (abandonedExamples) {
                if (abandonedExamples.size() < ABANDONED_EXAMPLES) {
                    abandonedExamples.add(a);
                }
            }
        }
    }

    List<Abandoned> abandonedExamples() {
        synchronized (abandonedExamples) {
            return List.copyOf(abandonedExamples);
        }
    }

    /** Abandoned cases per action that gave up and final outcome, e.g. {"claim 409": 3}. */
    Map<String, Long> abandonedByAction() {
        Map<String, Long> out = new TreeMap<>();
        abandoned.values().forEach(a -> out.merge(a.action() + " " + a.outcome(), 1L, Long::sum));
        return new LinkedHashMap<>(out);
    }

    void stage(String name, double ms) {
        stages.computeIfAbsent(name, k -> new Latencies()).add(ms);
    }

    Map<Integer, Window> sortedWindows() {
        return new TreeMap<>(windows);
    }

    long open() {
        return submitted.get() - closed.get() - merged.get();
    }
}
