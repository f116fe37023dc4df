package org.gridloop.simulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The human table (Markdown) and the chart page (HTML with inline SVG, nothing fetched at view time). */
final class Report {

    private Report() {
    }

    @SuppressWarnings("unchecked")
    private static <T> T get(Map<String, Object> m, String key) {
        return m == null ? null : (T) m.get(key);
    }

    private static String v(Object o) {
        return o == null ? "–" : o.toString();
    }

    /** A target as written: 100, not 100.0; 0.9 stays 0.9. */
    private static String n(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** Strictly below the target ("< 1 %"). */
    private static String below(Object value, double target) {
        return value instanceof Number x ? x.doubleValue() < target ? "met" : "**not met**" : "not measured";
    }

    private static String verdict(Object value, double target, boolean atMost) {
        if (!(value instanceof Number n)) {
            return "not measured";
        }
        boolean ok = atMost ? n.doubleValue() <= target : n.doubleValue() >= target;
        return ok ? "met" : "**not met**";
    }

    /** Two figures against two targets in one row: one verdict when they agree. */
    private static String verdicts(String a, String b) {
        return a.equals(b) ? a : a + " / " + b;
    }

    private static String percent(Object share, Object part, Object whole) {
        return share == null ? "–" : share + " % (" + v(part) + " of " + v(whole) + ")";
    }

    private static final Map<String, String> PARTS = Map.of("postgres", "PostgreSQL", "kafka", "Kafka",
            CpuClock.OTHER, "other (kernel, other processes)");

    /** Each part's figure but the totals, e.g. "grid-intake 3.1, PostgreSQL 1.2". */
    private static String parts(Map<String, Object> figures, Set<String> totals) {
        StringBuilder b = new StringBuilder();
        figures.forEach((part, figure) -> {
            if (!totals.contains(part)) {
                b.append(b.length() == 0 ? "" : ", ").append(PARTS.getOrDefault(part, part)).append(' ')
                        .append(v(figure));
            }
        });
        return b.toString();
    }

    /** "total 120.5: escalation 20.1, grid_intake 10.0, …" */
    static String rowParts(Map<String, Object> rows) {
        return "total " + v(rows.get(Figures.TOTAL)) + ": " + parts(rows, Set.of(Figures.TOTAL));
    }

    static String markdown(Map<String, Object> r, Scenario s) {
        StringBuilder b = new StringBuilder();
        Map<String, Object> machine = get(r, "machine");
        Map<String, Object> sum = get(r, "summary");
        Map<String, Object> pg = get(r, "pgbench");
        Map<String, Object> rss = get(r, "maxRssMb");
        Scenario.Bench t = s.bench;
        b.append("### Benchmark ").append(v(r.get("date"))).append("\n\n");
        if (machine != null) {
            b.append("Machine: ").append(v(machine.get("cores"))).append(" cores, ").append(v(machine.get("cpu")))
                    .append(", ").append(v(machine.get("memoryGb"))).append(" GB, Java ").append(v(machine.get("java")))
                    .append(", load average at start ").append(v(machine.get("loadAverage"))).append(".\n");
        }
        Map<String, Object> over = get(r, "overload");
        List<Map<String, Object>> steps = get(r, "steps");
        if (sum != null) {
            b.append("Ramp: ").append(s.bench.steps).append(" submissions/s, ").append(s.bench.stepSeconds)
                    .append(" s each");
            List<Object> skipped = steps == null ? List.of() : steps.stream().filter(st -> st.containsKey("skipped"))
                    .map(st -> st.get("offeredPerSecond")).toList();
            if (!skipped.isEmpty()) {
                b.append(", stopped after ").append(s.bench.stopAfterMissedSteps)
                        .append(" steps in a row that did not keep up (skipped ").append(skipped).append(')');
            }
            b.append("; seed ").append(s.seed).append(".\n");
        }
        b.append('\n');
        b.append("| figure | measured | target | |\n|---|---|---|---|\n");
        if (sum != null) {
            b.append("| closed loops/s sustained | ").append(v(sum.get("sustainedClosedLoopsPerSecond")))
                    .append(" (offered ").append(v(sum.get("sustainedAtOfferedPerSecond"))).append("/s) | ≥ ")
                    .append((int) t.targetLoopsPerSecond).append(" | ")
                    .append(verdict(sum.get("sustainedClosedLoopsPerSecond"), t.targetLoopsPerSecond, false))
                    .append(" |\n");
            b.append("| submit latency p50 / p99 at that load | ").append(v(sum.get("submitP50MsAtSustained")))
                    .append(" / ").append(v(sum.get("submitP99MsAtSustained"))).append(" ms | p99 < ")
                    .append((int) t.targetSubmitP99Ms).append(" ms | ")
                    .append(below(sum.get("submitP99MsAtSustained"), t.targetSubmitP99Ms)).append(" |\n");
            b.append("| whole loop p50 / p99 (submit → closed event) | ").append(v(sum.get("loopP50Ms")))
                    .append(" / ").append(v(sum.get("loopP99Ms"))).append(" ms | | |\n");
            Map<String, Object> cpu = get(sum, "cpuCoreMsPerClosedLoopAtSustained");
            Map<String, Object> cpuRamp = get(sum, "cpuCoreMsPerClosedLoop");
            b.append("| CPU per closed loop: services / whole box (core-ms), at the sustained step | ")
                    .append(v(get(cpu, CpuClock.SERVICES))).append(" / ").append(v(get(cpu, CpuClock.BOX)))
                    .append(" | ≤ ").append(n(t.targetServicesCoreMsPerLoop)).append(" / ≤ ")
                    .append(n(t.targetBoxCoreMsPerLoop)).append(" | ")
                    .append(verdicts(verdict(get(cpu, CpuClock.SERVICES), t.targetServicesCoreMsPerLoop, true),
                            verdict(get(cpu, CpuClock.BOX), t.targetBoxCoreMsPerLoop, true))).append(" |\n");
            if (cpu != null) {
                b.append("| CPU per closed loop by part (core-ms), at the sustained step | ")
                        .append(parts(cpu, Set.of(CpuClock.SERVICES, CpuClock.BOX))).append(" | | |\n");
            }
            Map<String, Object> rows = get(sum, "rowWritesPerClosedLoopAtSustained");
            if (rows != null && !rows.isEmpty()) {
                b.append("| PostgreSQL rows written (inserted, updated, deleted) per closed loop, at the sustained step | ")
                        .append(rowParts(rows)).append(" | | |\n");
            }
            b.append("| CPU per closed loop: services / whole box (core-ms), over ramp + drain | ")
                    .append(v(get(cpuRamp, CpuClock.SERVICES))).append(" / ").append(v(get(cpuRamp, CpuClock.BOX)))
                    .append(" | | |\n");
            b.append("| first attempts answered 409, at the sustained step / over ramp + drain | ")
                    .append(v(sum.get("firstAttempts409PercentAtSustained"))).append(" % / ")
                    .append(percent(sum.get("firstAttempts409Percent"), sum.get("firstAttempts409InRamp"),
                            sum.get("firstAttemptsInRamp"))).append(" | < ").append(n(t.targetFirstAttempt409Percent))
                    .append(" % | ").append(below(sum.get("firstAttempts409PercentAtSustained"),
                            t.targetFirstAttempt409Percent)).append(" |\n");
            b.append("| DB commits per closed loop at the sustained step | ")
                    .append(v(sum.get("dbCommitsPerClosedLoopAtSustained"))).append(" | ≤ ")
                    .append(n(t.targetCommitsPerLoop)).append(" | ")
                    .append(verdict(sum.get("dbCommitsPerClosedLoopAtSustained"), t.targetCommitsPerLoop, true))
                    .append(" |\n");
            b.append("| DB commits per closed loop over ramp + drain (raw / net of idle) | ")
                    .append(v(sum.get("dbCommitsPerClosedLoop"))).append(" / ")
                    .append(v(sum.get("dbCommitsPerClosedLoopNetOfIdle"))).append(" | ≤ ")
                    .append(n(t.targetCommitsPerLoop)).append(" | ")
                    .append(verdict(sum.get("dbCommitsPerClosedLoop"), t.targetCommitsPerLoop, true)).append(" |\n");
            b.append("| DB commits per accepted submission, net of idle (also counts unfinished cases) | ")
                    .append(v(sum.get("dbCommitsPerSubmission"))).append(" | | |\n");
            b.append("| Kafka messages per closed loop at the sustained step / over ramp + drain | ")
                    .append(v(sum.get("kafkaMessagesPerClosedLoopAtSustained"))).append(" / ")
                    .append(v(sum.get("kafkaMessagesPerClosedLoop"))).append(" | | |\n");
            b.append("| submissions refused (503/429) in the ramp | ").append(v(sum.get("refusedInRamp")))
                    .append(" | | |\n");
        }
        if (over != null && sum != null) {
            b.append("| closings/s at ").append(n(t.overloadFactor)).append("× sustained ÷ sustained | ");
            if (over.containsKey("skipped")) {
                b.append("skipped: ").append(over.get("skipped"));
            } else {
                b.append(v(over.get("closedRatioToSustained"))).append(" (offered ").append(v(over.get("offeredPerSecond")))
                        .append("/s, accepted ").append(v(over.get("acceptedPerSecond"))).append("/s, refused ")
                        .append(v(over.get("refusedPerSecond"))).append("/s, closed ").append(v(over.get("closedPerSecond")))
                        .append("/s)");
            }
            b.append(" | ≥ ").append(n(t.targetOverloadClosingRatio)).append(" | ")
                    .append(verdict(over.get("closedRatioToSustained"), t.targetOverloadClosingRatio, false))
                    .append(" |\n");
            b.append("| backlog drained after overload (s) | ");
            if (over.containsKey("skipped")) {
                b.append("– | ≤ ").append(n(t.targetOverloadDrainSeconds)).append(" | not measured |\n");
            } else if (over.get("drainedAfterSeconds") == null) {
                b.append("not within ").append(v(over.get("drainLimitSeconds"))).append(" s (")
                        .append(v(over.get("backlogLeft"))).append(" of ").append(v(over.get("backlogAtStop")))
                        .append(" left) | ≤ ").append(n(t.targetOverloadDrainSeconds)).append(" | ")
                        .append(((Number) over.get("drainLimitSeconds")).doubleValue() >= t.targetOverloadDrainSeconds
                                ? "**not met**" : "not measured (drain limit below the target)").append(" |\n");
            } else {
                b.append(v(over.get("drainedAfterSeconds"))).append(" (backlog ").append(v(over.get("backlogAtStop")))
                        .append(" when the load stopped) | ≤ ").append(n(t.targetOverloadDrainSeconds)).append(" | ")
                        .append(verdict(over.get("drainedAfterSeconds"), t.targetOverloadDrainSeconds, true))
                        .append(" |\n");
            }
        }
        Map<String, Object> abandoned = get(r, "abandoned");
        if (abandoned != null) {
            b.append("| cases abandoned by the driver (an action still not 2xx after its retries; whole run) | ")
                    .append(v(abandoned.get("count"))).append(" (").append(v(abandoned.get("stillOpenAtEnd")))
                    .append(" still open at the end) | ").append(n(t.targetAbandonedCases)).append(" | ")
                    .append(verdict(abandoned.get("count"), t.targetAbandonedCases, true)).append(" |\n");
        }
        if (rss != null && sum != null) { // without a ramp they would be an idle stack's
            rss.forEach((k, val) -> b.append("| RSS ").append(k).append(" (max) | ").append(val).append(" MB | < ")
                    .append((int) t.targetRssMb).append(" MB | ").append(below(val, t.targetRssMb))
                    .append(" |\n"));
        }
        if (pg != null) {
            Object tps = pg.get("tps");
            b.append("| pgbench TPS, same PostgreSQL (-c ").append(t.pgbenchClients).append(" -T ")
                    .append(t.pgbenchSeconds).append(", scale ").append(t.pgbenchScale).append(") | ")
                    .append(v(tps != null ? tps : pg.get("skipped"))).append(" | | |\n");
            if (tps instanceof Number n && sum != null && sum.get("sustainedClosedLoopsPerSecond") instanceof Number l
                    && sum.get("dbCommitsPerClosedLoop") instanceof Number c) {
                b.append("| GridLoop commits/s at sustained load ÷ pgbench TPS | ")
                        .append(Figures.commitsRatioToPgbench(l.doubleValue(), c.doubleValue(), n.doubleValue())).append(" | | |\n");
            }
        }
        Map<String, Object> scale = get(r, "scale");
        if (scale != null) {
            List<Object> timings = get(scale, "timings");
            if (timings != null) {
                for (Object o : timings) {
                    if (o instanceof Scale.Timing tm) {
                        b.append("| ").append(tm.name()).append(" at ").append(String.format("%,d", (Long) scale.get("cases")))
                                .append(" cases (HTTP ").append(tm.status()).append("), first / median | ")
                                .append(Math.round(tm.firstMs())).append(" / ").append(Math.round(tm.medianMs()))
                                .append(" ms | < ").append((int) t.targetQueryMs).append(" ms | ")
                                .append(verdict(tm.medianMs(), t.targetQueryMs, true)).append(" |\n");
                    }
                }
            }
        }
        if (steps != null) {
            b.append("\n| offered/s | submitted/s | refused | closed/s | submit p50 | submit p99 | backlog growth"
                    + " | commits/closed | msgs/closed | services core-ms/closed | box core-ms/closed"
                    + " | 1st attempts 409 | kept up |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Map<String, Object> st : steps) {
                if (st.containsKey("skipped")) {
                    b.append("| ").append(v(st.get("offeredPerSecond")))
                            .append(" | | | | | | | | | | | | skipped |\n");
                    continue;
                }
                Map<String, Object> cpu = get(st, "cpuCoreMsPerClosed");
                b.append("| ").append(v(st.get("offeredPerSecond"))).append(" | ").append(v(st.get("submittedPerSecond")))
                        .append(" | ").append(v(st.get("refused")))
                        .append(" | ").append(v(st.get("closedPerSecond"))).append(" | ").append(v(st.get("submitP50Ms")))
                        .append(" ms | ").append(v(st.get("submitP99Ms"))).append(" ms | ")
                        .append(v(st.get("backlogGrowth"))).append(" | ").append(v(st.get("dbCommitsPerClosed")))
                        .append(" | ").append(v(st.get("kafkaMessagesPerClosed"))).append(" | ")
                        .append(v(get(cpu, CpuClock.SERVICES))).append(" | ").append(v(get(cpu, CpuClock.BOX)))
                        .append(" | ").append(v(st.get("firstAttempts409Percent"))).append(" % | ")
                        .append(Boolean.TRUE.equals(st.get("keptUp")) ? "yes" : "no").append(" |\n");
            }
        }
        if (over != null && !over.containsKey("skipped")) {
            Map<String, Object> cpu = get(over, "cpuCoreMsPerClosed");
            b.append("\nOverload: ").append(v(over.get("offeredPerSecond"))).append(" submissions/s (")
                    .append(n(t.overloadFactor)).append(" × the sustained ").append(v(over.get("sustainedClosedPerSecond")))
                    .append(" closed/s) for ").append(v(over.get("seconds"))).append(" s, starting with ")
                    .append(v(over.get("openAtStart"))).append(" cases of the ramp still open:\n\n")
                    .append("| offered/s | accepted/s | refused/s | closed/s | closed/s ÷ sustained | submit p99"
                            + " | services / box core-ms/closed | 1st attempts 409 | backlog at stop | drained after"
                            + " | backlog left |\n|---|---|---|---|---|---|---|---|---|---|---|\n")
                    .append("| ").append(v(over.get("offeredPerSecond"))).append(" | ")
                    .append(v(over.get("acceptedPerSecond"))).append(" | ").append(v(over.get("refusedPerSecond")))
                    .append(" | ").append(v(over.get("closedPerSecond"))).append(" | ")
                    .append(v(over.get("closedRatioToSustained"))).append(" | ").append(v(over.get("submitP99Ms")))
                    .append(" ms | ").append(v(get(cpu, CpuClock.SERVICES))).append(" / ")
                    .append(v(get(cpu, CpuClock.BOX))).append(" | ").append(v(over.get("firstAttempts409Percent")))
                    .append(" % | ").append(v(over.get("backlogAtStop"))).append(" | ")
                    .append(over.get("drainedAfterSeconds") == null ? "not within " + v(over.get("drainLimitSeconds"))
                            + " s" : v(over.get("drainedAfterSeconds")) + " s").append(" | ")
                    .append(v(over.get("backlogLeft"))).append(" |\n");
        }
        List<Map<String, Object>> stages = get(r, "stages");
        if (stages != null && !stages.isEmpty()) {
            b.append("\nPer-stage latency (between consecutive events of a closed case, by event time):\n\n"
                    + "| from → to | cases | p50 ms | p99 ms |\n|---|---|---|---|\n");
            for (Map<String, Object> st : stages) {
                b.append("| ").append(st.get("stage")).append(" | ").append(st.get("count")).append(" | ")
                        .append(v(st.get("p50Ms"))).append(" | ").append(v(st.get("p99Ms"))).append(" |\n");
            }
        }
        List<String> notes = get(r, "notes");
        if (notes != null) {
            notes.forEach(n -> b.append("\n- ").append(n));
        }
        return b.append('\n').toString();
    }

    static String html(Map<String, Object> r) {
        List<Map<String, Object>> series = get(r, "series");
        StringBuilder b = new StringBuilder("<!doctype html><meta charset=utf-8><title>GridLoop benchmark</title>"
                + "<style>body{font-family:sans-serif;margin:2em}svg{border:1px solid #ccc;margin:1em 0}"
                + "pre{background:#f6f6f6;padding:1em}</style><h1>GridLoop benchmark " + v(r.get("date")) + "</h1>");
        if (series != null && !series.isEmpty()) {
            b.append("<h2>Throughput over time (per 5 s window)</h2>");
            b.append(chart(series, new String[]{"offered", "submittedPerSecond", "closedPerSecond", "refusedPerSecond"},
                    new String[]{"#999", "#1f77b4", "#2ca02c", "#d62728"}, "per second"));
            b.append("<h2>Submit latency over time</h2>");
            b.append(chart(series, new String[]{"submitP50Ms", "submitP99Ms"}, new String[]{"#1f77b4", "#d62728"},
                    "ms"));
        }
        b.append("<h2>Table</h2><pre>").append(escape(get(r, "mdCache") == null ? "" : get(r, "mdCache")))
                .append("</pre><p>Full data: latest.json, summary: latest.md</p>");
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String chart(List<Map<String, Object>> series, String[] keys, String[] colours, String unit) {
        int w = 900;
        int h = 300;
        int pad = 50;
        double maxT = series.stream().mapToDouble(s -> ((Number) s.get("t")).doubleValue()).max().orElse(1) + 5;
        double maxY = 1;
        for (Map<String, Object> s : series) {
            for (String k : keys) {
                if (s.get(k) instanceof Number n) {
                    maxY = Math.max(maxY, n.doubleValue());
                }
            }
        }
        maxY *= 1.1;
        StringBuilder b = new StringBuilder("<svg width=" + w + " height=" + h + " xmlns='http://www.w3.org/2000/svg'>");
        b.append(String.format("<line x1=%d y1=%d x2=%d y2=%d stroke=#000 />", pad, h - pad, w - 10, h - pad));
        b.append(String.format("<line x1=%d y1=10 x2=%d y2=%d stroke=#000 />", pad, pad, h - pad));
        for (int i = 0; i <= 4; i++) {
            double y = maxY * i / 4;
            int py = (int) (h - pad - (h - pad - 10) * i / 4.0);
            b.append(String.format("<text x=2 y=%d font-size=11>%.0f</text>", py + 4, y));
            b.append(String.format("<line x1=%d y1=%d x2=%d y2=%d stroke=#eee />", pad, py, w - 10, py));
        }
        for (int i = 0; i <= 5; i++) {
            double t = maxT * i / 5;
            int px = (int) (pad + (w - pad - 10) * i / 5.0);
            b.append(String.format("<text x=%d y=%d font-size=11>%.0f s</text>", px - 10, h - pad + 15, t));
        }
        b.append(String.format("<text x=%d y=%d font-size=11>%s</text>", pad + 5, 22, unit));
        for (int k = 0; k < keys.length; k++) {
            StringBuilder pts = new StringBuilder();
            for (Map<String, Object> s : series) {
                if (s.get(keys[k]) instanceof Number n) {
                    double x = pad + (w - pad - 10) * ((Number) s.get("t")).doubleValue() / maxT;
                    double y = h - pad - (h - pad - 10) * n.doubleValue() / maxY;
                    pts.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
                }
            }
            b.append("<polyline fill=none stroke-width=2 stroke='").append(colours[k]).append("' points='")
                    .append(pts).append("'/>");
            b.append(String.format("<text x=%d y=%d font-size=12 fill='%s'>%s</text>", w - 200, 20 + 15 * k,
                    colours[k], keys[k]));
        }
        return b.append("</svg>").toString();
    }
}
