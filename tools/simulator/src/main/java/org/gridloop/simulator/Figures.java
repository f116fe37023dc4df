package org.gridloop.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The arithmetic behind the published benchmark figures, apart from where the counters come from (so FiguresTest
 * can check it with hand-computed inputs): a step's figures from two marks of the counters, whether it kept up,
 * which step is the sustained one, the ramp's per-loop figures net of idle, the overload ratio and the drain time.
 */
final class Figures {

    private Figures() {
    }

    /** The counters at one moment; a step's figures are the differences between its two marks. */
    record Mark(double at, long closed, long submitted, long submitErrors, long refused, long open,
                long commits, long offsets, int latencies, long firstAttempts, long firstAttempts409,
                long abandoned, CpuClock.Sample cpu, Map<String, Long> rowWrites) {
    }

    /**
     * A step's figures between marks {@code a} and {@code b}: throughput and latency, refusals, commits and Kafka
     * messages per closed loop, first-attempt 409s, abandoned cases, CPU per closed loop and cores busy.
     *
     * @param latencies the step's submit latencies (those recorded since {@code a})
     * @param coreMs    CPU milliseconds per part between the marks ({@link CpuClock#coreMs})
     */
    static Map<String, Object> step(double rate, Mark a, Mark b, Metrics.Latencies latencies,
                                    Map<String, Double> coreMs) {
        double secs = b.at() - a.at();
        long closed = b.closed() - a.closed();
        long submitted = b.submitted() - a.submitted();
        long refused = b.refused() - a.refused();
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("offeredPerSecond", rate);
        step.put("seconds", round(secs));
        step.put("submitted", submitted);
        step.put("submittedPerSecond", round(submitted / secs));
        step.put("submitErrors", b.submitErrors() - a.submitErrors());
        step.put("refused", refused);
        step.put("refusedPerSecond", round(refused / secs));
        step.put("closed", closed);
        step.put("closedPerSecond", round(closed / secs));
        step.put("submitP50Ms", round(latencies.percentile(50)));
        step.put("submitP99Ms", round(latencies.percentile(99)));
        step.put("backlogGrowth", b.open() - a.open());
        step.put("dbCommitsPerClosed", perClosed(b.commits() - a.commits(), closed));
        step.put("kafkaMessagesPerClosed", perClosed(b.offsets() - a.offsets(), closed));
        long first = b.firstAttempts() - a.firstAttempts();
        long conflicts = b.firstAttempts409() - a.firstAttempts409();
        step.put("firstAttempts", first);
        step.put("firstAttempts409", conflicts);
        step.put("firstAttempts409Percent", percent(conflicts, first));
        step.put("abandoned", b.abandoned() - a.abandoned());
        step.put("cpuCoreMsPerClosed", perClosed(coreMs, closed));
        step.put("cpuCores", cores(coreMs, secs));
        step.put("rowWritesPerClosed", rowWritesPerClosed(a.rowWrites(), b.rowWrites(), closed));
        return step;
    }

    /**
     * PostgreSQL's rows inserted, updated and deleted between two marks, per closed loop, by part (from
     * {@code pg_stat_user_tables}; a part missing at the first mark started at 0), with their total first; empty when
     * the marks have no counts, null figures when nothing closed.
     */
    static Map<String, Object> rowWritesPerClosed(Map<String, Long> a, Map<String, Long> b, long closed) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (a == null || b == null || b.isEmpty()) {
            return out;
        }
        long total = 0;
        Map<String, Object> parts = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : b.entrySet()) {
            long n = e.getValue() - (a.getOrDefault(e.getKey(), 0L));
            total += n;
            parts.put(e.getKey(), perClosed(n, closed));
        }
        out.put(TOTAL, perClosed(total, closed));
        out.putAll(parts);
        return out;
    }

    /** The key of the total in {@link #rowWritesPerClosed}. */
    static final String TOTAL = "total";

    /**
     * Kept up: closed at least 80 % of the accepted submissions, the open backlog grew by no more than 5 s worth of
     * offered load (50 at least), and at most 1 % of the offered submissions were refused (a step that sheds its
     * load did not keep up with it, however well it closes what it accepted).
     */
    static boolean keptUp(double rate, Map<String, Object> step) {
        long submitted = (Long) step.get("submitted");
        long closed = (Long) step.get("closed");
        long refused = (Long) step.get("refused");
        long growth = (Long) step.get("backlogGrowth");
        return submitted > 0 && closed >= 0.8 * submitted && growth <= Math.max(50, rate * 5)
                && refused <= 0.01 * (submitted + refused);
    }

    /** The sustained step: the highest (last) one that kept up, or null when none did. */
    static Map<String, Object> sustained(List<Map<String, Object>> steps) {
        Map<String, Object> best = null;
        for (Map<String, Object> s : steps) {
            if (Boolean.TRUE.equals(s.get("keptUp"))) {
                best = s;
            }
        }
        return best;
    }

    /** {@code count} per closed loop, rounded; null when nothing closed. */
    static Double perClosed(long count, long closed) {
        return closed == 0 ? null : round(count / (double) closed);
    }

    /**
     * Per closed loop net of the background: {@code count} less what the idle stack does in {@code seconds} at
     * {@code idlePerSecond} (job executors, outbox relays polling), ÷ {@code per}; null when {@code per} is 0.
     */
    static Double netOfIdle(long count, double idlePerSecond, double seconds, long per) {
        return per == 0 ? null : round((count - idlePerSecond * seconds) / per);
    }

    /** Core-ms per closed loop for each part; a part not measured, or no loop closed, is null. */
    static Map<String, Object> perClosed(Map<String, Double> coreMs, long closed) {
        Map<String, Object> out = new LinkedHashMap<>();
        coreMs.forEach((part, ms) -> out.put(part, ms == null || closed == 0 ? null : round(ms / closed)));
        return out;
    }

    /** Average cores busy: shows which part saturates the machine. */
    static Map<String, Object> cores(Map<String, Double> coreMs, double seconds) {
        Map<String, Object> out = new LinkedHashMap<>();
        coreMs.forEach((part, ms) -> out.put(part, ms == null ? null : round(ms / 1000 / seconds)));
        return out;
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : round(100.0 * part / whole);
    }

    /** The overload step's offered rate: {@code factor} × the sustained closings/s. */
    static Double overloadRate(double factor, double sustained) {
        return round(factor * sustained);
    }

    /** Closings/s during the overload step ÷ the sustained closings/s. */
    static Double closedRatio(double closedPerSecond, double sustained) {
        return round(closedPerSecond / sustained);
    }

    /** GridLoop's commits/s at the sustained rate ÷ pgbench's transactions/s on the same PostgreSQL. */
    static Double commitsRatioToPgbench(double loopsPerSecond, double commitsPerLoop, double pgbenchTps) {
        return round(loopsPerSecond * commitsPerLoop / pgbenchTps);
    }

    /** How the drain waits between polls ({@code Thread::sleep}; a test moves its clock instead). */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * After the load stopped: the seconds until nothing was open (null when not within the limit), and how many
     * were left.
     */
    record Drained(Double seconds, int left) {
    }

    /**
     * Polls {@code open} every {@code pollMillis} until it is 0 or {@code limitSeconds} have passed on
     * {@code nanoClock} (started when the load stopped).
     */
    static Drained drain(IntSupplier open, int limitSeconds, long pollMillis, LongSupplier nanoClock,
                         Sleeper sleeper) throws InterruptedException {
        long stopped = nanoClock.getAsLong();
        long end = stopped + limitSeconds * 1_000_000_000L;
        int left = open.getAsInt();
        while (left > 0 && nanoClock.getAsLong() < end) {
            sleeper.sleep(pollMillis);
            left = open.getAsInt();
        }
        return new Drained(left == 0 ? round((nanoClock.getAsLong() - stopped) / 1e9) : null, left);
    }

    /**
     * The {@code q} quantile (0..1) of a Prometheus histogram, as {@code histogram_quantile} estimates it: from the
     * cumulative counts per upper bound ({@code le}, +Inf included), by linear interpolation inside the bucket the
     * rank falls in; NaN when the histogram is empty, the highest finite bound when the rank is in +Inf's bucket.
     */
    static double histogramQuantile(double q, java.util.NavigableMap<Double, Double> cumulative) {
        if (cumulative.isEmpty()) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    /** Whether a figure stayed flat: {@code end} at most {@code factor} × {@code start} plus {@code slack}. */
    static boolean flat(double start, double end, double factor, double slack) {
        return end <= start * factor + slack;
    }

    static Double round(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 100) / 100.0;
    }
}
