package org.gridloop.simulator;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The new rows of the table, from a report as Bench builds it (no stack needed). */
class ReportTest {

    @Test
    void newFiguresSkippedStepsAndAnUndrainedOverload() {
        Scenario s = new Scenario();
        s.bench.steps = List.of(2.0, 70.0);
        s.bench.drainSeconds = 120;
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("services", 382.31);
        cpu.put("grid-intake", 176.92);
        cpu.put("postgres", 115.0);
        cpu.put("box", 690.38);
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("offeredPerSecond", 2.0);
        step.put("refused", 3L);
        step.put("firstAttempts409Percent", 0.5);
        step.put("cpuCoreMsPerClosed", cpu);
        step.put("keptUp", true);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sustainedClosedLoopsPerSecond", 1.9);
        summary.put("cpuCoreMsPerClosedLoopAtSustained", cpu);
        summary.put("firstAttempts409PercentAtSustained", 0.5);
        summary.put("dbCommitsPerClosedLoopAtSustained", 7.5);
        Map<String, Object> overload = new LinkedHashMap<>();
        overload.put("offeredPerSecond", 7.6);
        overload.put("closedRatioToSustained", 0.95);
        overload.put("backlogAtStop", 40);
        overload.put("drainedAfterSeconds", null);
        overload.put("drainLimitSeconds", 120);
        overload.put("backlogLeft", 12);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("summary", summary);
        r.put("steps", List.of(step, Map.of("offeredPerSecond", 70.0, "skipped", true)));
        r.put("overload", overload);
        r.put("abandoned", Map.of("count", 2L, "stillOpenAtEnd", 1L));

        String md = Report.markdown(r, s);

        assertTrue(md.contains("stopped after 2 steps in a row that did not keep up (skipped [70.0])"), md);
        assertTrue(md.contains("| CPU per closed loop: services / whole box (core-ms), at the sustained step "
                + "| 382.31 / 690.38 | ≤ 10 / ≤ 18 | **not met** |"), md);
        assertTrue(md.contains("grid-intake 176.92, PostgreSQL 115.0"), md);
        assertTrue(md.contains("| < 1 % | met |"), md);
        assertTrue(md.contains("| DB commits per closed loop at the sustained step | 7.5 | ≤ 8 | met |"), md);
        assertTrue(md.contains("| closings/s at 4× sustained ÷ sustained | 0.95 (offered 7.6/s"), md);
        assertTrue(md.contains("| backlog drained after overload (s) | not within 120 s (12 of 40 left) | ≤ 60 "
                + "| **not met** |"), md);
        assertTrue(md.contains("| 2 (1 still open at the end) | 0 | **not met** |"), md);
        assertTrue(md.contains("| 2.0 | – | 3 | –"), md);
        assertTrue(md.contains("| 382.31 | 690.38 | 0.5 % | yes |"), md);
        assertTrue(md.contains("| 70.0 | | | | | | | | | | | | skipped |"), md);
    }
}
