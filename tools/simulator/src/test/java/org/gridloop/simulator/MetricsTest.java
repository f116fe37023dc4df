package org.gridloop.simulator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client-side figures the benchmark publishes: percentiles, first-attempt 409s, abandoned cases, open cases. */
class MetricsTest {

    @Test
    void percentilesAreNearestRankOverEverySample() {
        Metrics.Latencies latencies = new Metrics.Latencies();
        assertTrue(Double.isNaN(latencies.percentile(50)), "no sample, no percentile");
        for (int ms = 100; ms >= 1; ms--) { // out of order
            latencies.add(ms);
        }
        assertEquals(100, latencies.count());
        assertEquals(50, latencies.percentile(50));
        assertEquals(99, latencies.percentile(99));
        assertEquals(100, latencies.percentile(100));
        assertEquals(1, latencies.percentile(0));
        assertEquals(100, latencies.percentile(99.9));
    }

    @Test
    void aLatencySeriesGrowsPastItsFirstArrayAndCanBeCutAtAMoment() {
        Metrics.Latencies latencies = new Metrics.Latencies();
        for (int i = 0; i < 3000; i++) {
            latencies.add(i < 2000 ? 1 : 1000);
        }
        Metrics.Latencies sustained = latencies.since(2000);
        assertEquals(1000, sustained.count());
        assertEquals(1000, sustained.percentile(50));
        assertEquals(1, latencies.percentile(50));
        assertEquals(1000, latencies.percentile(99));
    }

    @Test
    void firstAttemptsCountTheir409sPerAction() {
        Metrics metrics = new Metrics();
        metrics.firstAttempt("claim", "ok");
        metrics.firstAttempt("claim", "409");
        metrics.firstAttempt("claim", "ok");
        metrics.firstAttempt("rate", "ok");
        Map<String, long[]> counts = metrics.firstAttemptCounts();
        assertArrayEquals(new long[]{3, 1}, counts.get("claim"));
        assertArrayEquals(new long[]{1, 0}, counts.get("rate"));
        assertEquals(4, metrics.firstAttemptCount.get());
        assertEquals(1, metrics.firstAttempt409Count.get());
    }

    @Test
    void aCaseIsAbandonedOnceUnderItsFirstFailedActionAndOpenCasesExcludeClosedAndMerged() {
        Metrics metrics = new Metrics();
        metrics.abandon("R1", "claim", "409", "x".repeat(500));
        metrics.abandon("R1", "complete", "500", null);
        metrics.abandon("R2", "claim", "409", null);
        assertEquals(2, metrics.abandonedCount.get());
        assertEquals(Map.of("claim 409", 2L), metrics.abandonedByAction());
        List<Metrics.Abandoned> examples = metrics.abandonedExamples();
        assertEquals(List.of("R1", "R2"), examples.stream().map(Metrics.Abandoned::caseId).toList());
        assertEquals(200, examples.get(0).error().length());

        metrics.submitted.set(10);
        metrics.closed.set(6);
        metrics.merged.set(1);
        assertEquals(3, metrics.open());
    }
}
