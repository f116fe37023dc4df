package org.gridloop.simulator;

import java.util.List;
import java.util.Map;

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

    private static String verdict(Object value, double target, boolean atMost) {
        if (!(value instanceof Number n)) {
            return "not measured";
        }
        boolean ok = atMost ? n.doubleValue() <= target : n.doubleValue() >= target;
        return ok ? "met" : "**not met**";
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
        if (sum != null) {
            b.append("Ramp: ").append(s.bench.steps).append(" submissions/s, ").append(s.bench.stepSeconds)
                    .append(" s each; seed ").append(s.seed).append(".\n");
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
                    .append(verdict(sum.get("submitP99MsAtSustained"), t.targetSubmitP99Ms, true)).append(" |\n");
            b.append("| whole loop p50 / p99 (submit → closed event) | ").append(v(sum.get("loopP50Ms")))
                    .append(" / ").append(v(sum.get("loopP99Ms"))).append(" ms | | |\n");
            b.append("| DB commits per closed loop (raw / net of idle) | ").append(v(sum.get("dbCommitsPerClosedLoop")))
                    .append(" / ").append(v(sum.get("dbCommitsPerClosedLoopNetOfIdle"))).append(" | ≤ ")
                    .append((int) t.targetCommitsPerLoop).append(" | ")
                    .append(verdict(sum.get("dbCommitsPerClosedLoop"), t.targetCommitsPerLoop, true)).append(" |\n");
            b.append("| DB commits per accepted submission, net of idle (also counts unfinished cases) | ")
                    .append(v(sum.get("dbCommitsPerSubmission"))).append(" | | |\n");
            b.append("| Kafka messages per closed loop | ").append(v(sum.get("kafkaMessagesPerClosedLoop")))
                    .append(" | | |\n");
        }
        if (rss != null && sum != null) { // without a ramp they would be an idle stack's
            rss.forEach((k, val) -> b.append("| RSS ").append(k).append(" (max) | ").append(val).append(" MB | < ")
                    .append((int) t.targetRssMb).append(" MB | ").append(verdict(val, t.targetRssMb, true))
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
                        .append(Bench.round(l.doubleValue() * c.doubleValue() / n.doubleValue())).append(" | | |\n");
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
        List<Map<String, Object>> steps = get(r, "steps");
        if (steps != null) {
            b.append("\n| offered/s | submitted/s | closed/s | submit p50 | submit p99 | backlog growth | commits/closed"
                    + " | msgs/closed | kept up |\n|---|---|---|---|---|---|---|---|---|\n");
            for (Map<String, Object> st : steps) {
                b.append("| ").append(v(st.get("offeredPerSecond"))).append(" | ").append(v(st.get("submittedPerSecond")))
                        .append(" | ").append(v(st.get("closedPerSecond"))).append(" | ").append(v(st.get("submitP50Ms")))
                        .append(" ms | ").append(v(st.get("submitP99Ms"))).append(" ms | ")
                        .append(v(st.get("backlogGrowth"))).append(" | ").append(v(st.get("dbCommitsPerClosed")))
                        .append(" | ").append(v(st.get("kafkaMessagesPerClosed"))).append(" | ")
                        .append(Boolean.TRUE.equals(st.get("keptUp")) ? "yes" : "no").append(" |\n");
            }
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
            b.append(chart(series, new String[]{"offered", "submittedPerSecond", "closedPerSecond"},
                    new String[]{"#999", "#1f77b4", "#2ca02c"}, "per second"));
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
