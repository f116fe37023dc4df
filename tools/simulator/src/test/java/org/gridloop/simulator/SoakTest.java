package org.gridloop.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SoakTest {

    private static Map<String, Object> sample(double minute, double inboxMb, long rssMb, double p99, double loopP50) {
        Map<String, Object> tables = new LinkedHashMap<>();
        tables.put("outbox", 0.1);
        tables.put("inbox", inboxMb);
        tables.put("parked events", 0.1);
        tables.put("engine runtime", 2.0);
        tables.put("engine history (kept for each process's time to live)", 5.0 * minute);
        tables.put("cases, timelines, facts (the record, kept)", 10.0 * minute);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("minute", minute);
        s.put("tableMb", tables);
        s.put("rssMb", Map.of("grid-intake", rssMb, "report-in", 300L, "escalation", 300L));
        s.put("submitP99Ms", p99);
        s.put("loopP50Seconds", loopP50);
        return s;
    }

    @Test
    void steadyTablesRssAndLatencyAreFlatWhileTheRecordGrows() {
        List<Map<String, Object>> samples = List.of(sample(0, 0.5, 250, 30, 8), sample(15, 3.0, 330, 40, 9),
                sample(60, 3.2, 340, 45, 9.5));
        Map<String, Object> report = Soak.verdict(samples, 5, 3600, Duration.ofMinutes(10));
        assertThat(report.get("baselineMinute")).isEqualTo(15.0);
        assertThat((List<?>) report.get("notFlat")).isEmpty();
        assertThat(report.get("flat")).isEqualTo(true);
    }

    @Test
    void aGrowingInboxARisingRssOrASlowerLoopIsNotFlat() {
        List<Map<String, Object>> samples = List.of(sample(15, 3.0, 330, 40, 9), sample(60, 12.0, 420, 40, 20));
        Map<String, Object> report = Soak.verdict(samples, 5, 3600, Duration.ofMinutes(10));
        assertThat(report.get("flat")).isEqualTo(false);
        assertThat((List<?>) report.get("notFlat")).hasSize(3).anyMatch(v -> v.toString().startsWith("inbox grew"))
                .anyMatch(v -> v.toString().startsWith("grid-intake RSS grew"))
                .anyMatch(v -> v.toString().startsWith("loop p50"));
    }

    @Test
    void aSeriesIsSummedOverItsLabelSets() {
        String metrics = """
                gridloop_admission_requests_total{outcome="admitted",step="new"} 10.0
                gridloop_admission_requests_total{outcome="refused",step="new"} 3.0
                gridloop_admission_requests_total{outcome="refused",step="progress"} 1.0
                gridloop_engine_incidents 2.0
                """;
        assertThat(ServiceMetrics.sum(metrics, "gridloop_admission_requests_total", "outcome=\"refused\""))
                .isEqualTo(4.0);
        assertThat(ServiceMetrics.sum(metrics, "gridloop_engine_incidents", "")).isEqualTo(2.0);
        assertThat(ServiceMetrics.sum(metrics, "gridloop_dead_letters_total", "")).isNull();
    }

    @Test
    void theLoopHistogramIsReadAcrossOutcomesForTheWholeLoopOnly() {
        String metrics = """
                gridloop_case_duration_seconds_bucket{outcome="RESOLVED",stage="submitted-to-closed",le="1.0"} 2.0
                gridloop_case_duration_seconds_bucket{outcome="UNSATISFIED",stage="submitted-to-closed",le="1.0"} 1.0
                gridloop_case_duration_seconds_bucket{outcome="RESOLVED",stage="submitted-to-closed",le="+Inf"} 5.0
                gridloop_case_duration_seconds_bucket{outcome="UNSATISFIED",stage="submitted-to-closed",le="+Inf"} 1.0
                gridloop_case_duration_seconds_bucket{outcome="RESOLVED",stage="submitted-to-handled",le="1.0"} 7.0
                """;
        assertThat(ServiceMetrics.loopBuckets(metrics)).containsExactly(Map.entry(1.0, 3.0),
                Map.entry(Double.POSITIVE_INFINITY, 6.0));
    }
}
