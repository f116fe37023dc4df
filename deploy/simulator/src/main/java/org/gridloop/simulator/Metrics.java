package org.gridloop.simulator;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the simulator measures on the client side: counters, latencies, and 5-second windows over time. */
final class Metrics {

    static final int WINDOW_SECONDS = 5;

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
        final AtomicLong closed = new AtomicLong();
        final Latencies submitLatency = new Latencies();
        volatile double offeredRate;
    }

    final long startNanos = System.nanoTime();
    final AtomicLong submitted = new AtomicLong();
    final AtomicLong submitErrors = new AtomicLong();
    final AtomicLong merged = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong closed = new AtomicLong();
    final AtomicLong whistles = new AtomicLong();
    final AtomicLong escalations = new AtomicLong();
    final AtomicLong decisions = new AtomicLong();
    final AtomicLong reopened = new AtomicLong();
    final Latencies submitLatency = new Latencies();
    final Latencies loopLatency = new Latencies();
    final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    final Map<String, Latencies> stages = new ConcurrentHashMap<>();
    /** action name -> "ok" / HTTP status / "io" -> count */
    final Map<String, Map<String, AtomicLong>> actions = new ConcurrentHashMap<>();
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
