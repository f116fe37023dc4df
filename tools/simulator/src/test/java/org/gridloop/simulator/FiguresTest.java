package org.gridloop.simulator;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The published benchmark figures from hand-computed counters (Figures), no stack needed. */
class FiguresTest {

    static Figures.Mark mark(double at, long closed, long submitted, long submitErrors, long refused, long open,
                             long commits, long offsets, long firstAttempts, long firstAttempts409, long abandoned) {
        return new Figures.Mark(at, closed, submitted, submitErrors, refused, open, commits, offsets, 0,
                firstAttempts, firstAttempts409, abandoned, null, Map.of());
    }

    /** 1, 2, ... 100 ms. */
    static Metrics.Latencies oneToHundred() {
        Metrics.Latencies l = new Metrics.Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            l.add(ms);
        }
        return l;
    }

    @Test
    void aStepsFiguresAreTheDifferencesBetweenItsMarksPerSecondAndPerClosedLoop() {
        // 30 s: 315 accepted, 300 closed, 6 refused, 6 600 commits, 3 870 messages, 8 of 800 first attempts 409
        Figures.Mark a = mark(10.0, 100, 120, 1, 0, 20, 5_000, 3_000, 400, 4, 0);
        Figures.Mark b = mark(40.0, 400, 435, 3, 6, 35, 11_600, 6_870, 1_200, 12, 2);
        Map<String, Double> coreMs = new LinkedHashMap<>();
        coreMs.put("services", 19_500.0);
        coreMs.put("box", 38_100.0);
        coreMs.put("kafka", null); // not found on this machine

        Map<String, Object> step = Figures.step(10.0, a, b, oneToHundred(), coreMs);

        assertThat(step).contains(entry("offeredPerSecond", 10.0), entry("seconds", 30.0),
                entry("submitted", 315L), entry("submittedPerSecond", 10.5), entry("submitErrors", 2L),
                entry("refused", 6L), entry("refusedPerSecond", 0.2), entry("closed", 300L),
                entry("closedPerSecond", 10.0), entry("backlogGrowth", 15L),
                entry("dbCommitsPerClosed", 22.0), entry("kafkaMessagesPerClosed", 12.9),
                entry("firstAttempts", 800L), entry("firstAttempts409", 8L), entry("firstAttempts409Percent", 1.0),
                entry("abandoned", 2L));
        // nearest rank over the step's 100 samples: the 50th and the 99th smallest
        assertThat(step).contains(entry("submitP50Ms", 50.0), entry("submitP99Ms", 99.0));
        Map<String, Object> perLoop = new HashMap<>();
        perLoop.put("services", 65.0);
        perLoop.put("box", 127.0);
        perLoop.put("kafka", null);
        assertThat(step.get("cpuCoreMsPerClosed")).isEqualTo(perLoop);
        Map<String, Object> cores = new HashMap<>();
        cores.put("services", 0.65);
        cores.put("box", 1.27);
        cores.put("kafka", null);
        assertThat(step.get("cpuCores")).isEqualTo(cores);
    }

    @Test
    void rowsWrittenPerClosedLoopAreTheDifferencesByPartWithTheirTotalFirst() {
        Map<String, Long> a = new java.util.TreeMap<>(Map.of("escalation", 1_000L, "grid_intake_engine history", 500L));
        // a part first seen at the second mark (its tables created meanwhile) counts from 0
        Map<String, Long> b = new java.util.TreeMap<>(Map.of("escalation", 4_000L, "grid_intake_engine history", 2_000L,
                "report_in", 600L));

        Map<String, Object> perLoop = Figures.rowWritesPerClosed(a, b, 200);

        assertThat(perLoop.keySet()).containsExactly("total", "escalation", "grid_intake_engine history", "report_in");
        assertThat(perLoop).contains(entry("total", 25.5), entry("escalation", 15.0),
                entry("grid_intake_engine history", 7.5), entry("report_in", 3.0));
        assertThat(Report.rowParts(perLoop))
                .isEqualTo("total 25.5: escalation 15.0, grid_intake_engine history 7.5, report_in 3.0");
        assertThat(Figures.rowWritesPerClosed(a, b, 0)).containsEntry("total", null);
        assertThat(Figures.rowWritesPerClosed(Map.of(), Map.of(), 10)).isEmpty();
    }

    @Test
    void aStepThatClosedNothingHasNoPerLoopFiguresAndNoShareOfNoAttempts() {
        Figures.Mark a = mark(0.0, 7, 7, 0, 0, 0, 100, 50, 0, 0, 0);
        Figures.Mark b = mark(20.0, 7, 17, 0, 0, 10, 400, 80, 0, 0, 0);
        Map<String, Object> step = Figures.step(0.5, a, b, new Metrics.Latencies(), Map.of("box", 1_000.0));
        assertThat(step).contains(entry("closedPerSecond", 0.0), entry("submittedPerSecond", 0.5),
                entry("dbCommitsPerClosed", null), entry("kafkaMessagesPerClosed", null),
                entry("firstAttempts409Percent", null), entry("submitP50Ms", null));
        Map<String, Object> perLoop = new HashMap<>();
        perLoop.put("box", null);
        assertThat(step.get("cpuCoreMsPerClosed")).isEqualTo(perLoop);
        assertThat(step.get("cpuCores")).isEqualTo(Map.of("box", 0.05));
    }

    static Map<String, Object> counts(long submitted, long closed, long refused, long growth) {
        return Map.of("submitted", submitted, "closed", closed, "refused", refused, "backlogGrowth", growth);
    }

    @Test
    void aStepKeptUpWhenItClosed80PercentGrewTheBacklogBy5SecondsAtMostAndRefused1PercentAtMost() {
        assertThat(Figures.keptUp(10, counts(300, 240, 3, 50))).as("exactly at every bound").isTrue();
        assertThat(Figures.keptUp(10, counts(300, 239, 0, 0))).as("closed below 80 %").isFalse();
        assertThat(Figures.keptUp(10, counts(300, 300, 4, 0))).as("4 of 304 refused, above 1 %").isFalse();
        assertThat(Figures.keptUp(20, counts(300, 300, 0, 100))).as("20/s: 5 s are 100 cases").isTrue();
        assertThat(Figures.keptUp(20, counts(300, 300, 0, 101))).isFalse();
        assertThat(Figures.keptUp(2, counts(60, 60, 0, 50))).as("never less than 50").isTrue();
        assertThat(Figures.keptUp(2, counts(60, 60, 0, 51))).isFalse();
        assertThat(Figures.keptUp(2, counts(0, 0, 0, 0))).as("nothing accepted").isFalse();
    }

    @Test
    void theSustainedStepIsTheHighestThatKeptUp() {
        Map<String, Object> two = Map.of("offeredPerSecond", 2.0, "keptUp", true);
        Map<String, Object> five = Map.of("offeredPerSecond", 5.0, "keptUp", true);
        Map<String, Object> ten = Map.of("offeredPerSecond", 10.0, "keptUp", false);
        Map<String, Object> twenty = Map.of("offeredPerSecond", 20.0, "skipped", true);
        assertThat(Figures.sustained(List.of(two, five, ten, twenty))).isSameAs(five);
        assertThat(Figures.sustained(List.of(ten, twenty))).isNull();
    }

    @Test
    void commitsPerLoopNetOfIdleSubtractTheBackgroundOfTheWholeRamp() {
        // 6 600 commits in 120 s, of which 2.5/s the idle stack's own: 6 300 for 300 loops, for 315 submissions
        assertThat(Figures.netOfIdle(6_600, 2.5, 120, 300)).isEqualTo(21.0);
        assertThat(Figures.netOfIdle(6_600, 2.5, 120, 315)).isEqualTo(20.0);
        assertThat(Figures.netOfIdle(6_600, 2.5, 120, 0)).isNull();
        assertThat(Figures.perClosed(6_570, 300)).isEqualTo(21.9);
    }

    @Test
    void theOverloadStepOffersFactorTimesSustainedAndComparesItsClosingsWithIt() {
        // step 11: 9.79 closed/s sustained, 4 x offered, 16.25 closed/s during the surge
        assertThat(Figures.overloadRate(4, 9.79)).isEqualTo(39.16);
        assertThat(Figures.closedRatio(16.25, 9.79)).isEqualTo(1.66);
        assertThat(Figures.closedRatio(8.8, 9.79)).as("below the 0.9 target").isEqualTo(0.9);
        assertThat(Figures.closedRatio(8.7, 9.79)).isEqualTo(0.89);
    }

    @Test
    void commitsPerSecondAgainstPgbench() {
        // 9.79 loops/s x 21.9 commits = 214.4 commits/s against 1 704 TPS
        assertThat(Figures.commitsRatioToPgbench(9.79, 21.9, 1_704)).isEqualTo(0.13);
    }

    @Test
    void theDrainTimeIsFromTheLoadsStopUntilNothingIsOpen() throws Exception {
        AtomicLong clock = new AtomicLong(5_000_000_000L);
        Deque<Integer> open = new ArrayDeque<>(List.of(5, 3, 1, 0));
        Figures.Drained drained = Figures.drain(open::pop, 60, 250, clock::get, ms -> clock.addAndGet(ms * 1_000_000));
        assertThat(drained).isEqualTo(new Figures.Drained(0.75, 0));

        Figures.Drained none = Figures.drain(() -> 0, 60, 250, clock::get, ms -> clock.addAndGet(ms * 1_000_000));
        assertThat(none).as("no backlog when the load stopped").isEqualTo(new Figures.Drained(0.0, 0));
    }

    @Test
    void aBacklogNotDrainedWithinTheLimitHasNoTimeAndSaysHowManyAreLeft() throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicLong polls = new AtomicLong();
        Figures.Drained drained = Figures.drain(() -> 4, 1, 250, clock::get, ms -> {
            polls.incrementAndGet();
            clock.addAndGet(ms * 1_000_000);
        });
        assertThat(drained).isEqualTo(new Figures.Drained(null, 4));
        assertThat(polls.get()).as("polled every 250 ms for the 1 s limit").isEqualTo(4);
    }

    @Test
    void histogramQuantileInterpolatesInsideTheBucketAsPrometheusDoes() {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        buckets.put(1.0, 10.0);   // 10 at or below 1 s
        buckets.put(5.0, 30.0);   // 20 between 1 and 5 s
        buckets.put(10.0, 40.0);  // 10 between 5 and 10 s
        buckets.put(Double.POSITIVE_INFINITY, 40.0);
        // rank 20 of 40: half way through the (1, 5] bucket's 20 -> 1 + 4 * 10/20 = 3
        assertThat(Figures.histogramQuantile(0.5, buckets)).isEqualTo(3.0);
        // rank 36: 6 of the (5, 10] bucket's 10 -> 5 + 5 * 0.6 = 8
        assertThat(Figures.histogramQuantile(0.9, buckets)).isEqualTo(8.0);
        // rank 5 in the first bucket, from 0: 0.5
        assertThat(Figures.histogramQuantile(0.125, buckets)).isEqualTo(0.5);
        buckets.put(Double.POSITIVE_INFINITY, 50.0); // 10 beyond the last bound: the last finite bound
        assertThat(Figures.histogramQuantile(0.99, buckets)).isEqualTo(10.0);
        assertThat(Figures.histogramQuantile(0.5, new java.util.TreeMap<>())).isNaN();
    }

    @Test
    void flatMeansAtMostTheFactorPlusTheSlack() {
        assertThat(Figures.flat(100, 125, 1.25, 0)).isTrue();
        assertThat(Figures.flat(100, 126, 1.25, 0)).isFalse();
        assertThat(Figures.flat(0, 1, 1.25, 1)).isTrue();
    }
}
