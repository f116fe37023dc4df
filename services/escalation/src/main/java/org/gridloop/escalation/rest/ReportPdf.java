package org.gridloop.escalation.rest;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.gridloop.contracts.Category;
import org.gridloop.escalation.application.MonthlyReports;
import org.gridloop.escalation.application.ReportConfig;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.escalation.domain.Kpi;
import org.gridloop.escalation.repository.AuditQueries;
import org.gridloop.escalation.repository.EvaluationQueries;
import org.gridloop.escalation.repository.HotspotQueries;
import org.gridloop.platform.rest.ProblemException;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A monthly report as a PDF (A4): the same sections as the report page, the text in an embedded subset of a CJK
 * TrueType font ({@link ReportConfig#fonts()}), the charts drawn as vector bars (sharp at any zoom and in print):
 * the rates of the month against the month before, the satisfaction of the units under it, the reports per month.
 * No font found: 503, with the fonts it looked for.
 */
@ApplicationScoped
public class ReportPdf {

    static final float MARGIN = 50;
    static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    /** This month's bars and the month before's (their colours, as RGB 0..1). */
    static final float[] THIS_MONTH = {0.16f, 0.42f, 0.75f};
    static final float[] MONTH_BEFORE = {0.70f, 0.76f, 0.84f};
    private static final DateTimeFormatter ISSUED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(FactChanges.ZONE);

    private final ReportConfig config;

    ReportPdf(ReportConfig config) {
        this.config = config;
    }

    public byte[] render(MonthlyReports.Report report) {
        MonthlyReports.Content c = report.content();
        try (PDDocument doc = new PDDocument(); FontFile fontFile = openFont()) {
            PDType0Font font = fontFile.load(doc);
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title(c));
            info.setCreator("GridLoop escalation");
            info.setSubject(report.issued().id());
            GregorianCalendar created = new GregorianCalendar();
            created.setTimeInMillis(c.generatedAt().toEpochMilli());
            info.setCreationDate(created);
            try (Writer w = new Writer(doc, font, title(c))) {
                write(w, report);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("report " + report.issued().id() + " not written as PDF", e);
        }
    }

    static String title(MonthlyReports.Content c) {
        return "月度通报 " + c.unit() + " " + c.month().replace("-", "年") + "月";
    }

    private static void write(Writer w, MonthlyReports.Report report) throws IOException {
        MonthlyReports.Content c = report.content();
        w.text(title(c), 18);
        w.gap(4);
        w.paragraph("单位 " + c.unit() + "（" + levelName(c.level()) + "） 统计期 " + c.from() + " 至 " + c.to()
                + " 生成于 " + ISSUED.format(c.generatedAt()) + "（" + ("scheduled".equals(c.issued()) ? "月末定时"
                : "按需生成") + (c.generatedBy() == null ? "" : "，" + c.generatedBy()) + "） 编号 "
                + report.issued().id(), 9);
        w.gap(10);

        w.heading("一、主要指标（本月与上月）");
        Map<String, EvaluationQueries.Figure> before = new HashMap<>();
        c.previous().figures().forEach(f -> before.put(f.figure(), f));
        List<String[]> rows = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        for (EvaluationQueries.Figure f : c.figures().figures()) {
            EvaluationQueries.Figure p = before.get(f.figure());
            boolean count = Kpi.valueOf(f.figure()).isCount();
            rows.add(new String[]{f.label(), value(f, count), p == null ? "—" : value(p, count),
                    count ? "" : f.numerator() + " / " + (f.denominator() == null ? 0 : f.denominator())});
            if (!count) {
                bars.add(new Bar(f.label(), rate(f.value()), p == null ? null : rate(p.value())));
            }
        }
        w.table(new String[]{"指标", "本月", "上月", "分子 / 分母"}, new float[]{0.4f, 0.18f, 0.18f, 0.24f}, rows);
        w.gap(6);
        w.barChart("图1 各项比率：本月（深色）与上月（浅色）", bars, 1.0, Writer::percent);

        w.heading("二、各环节用时");
        w.table(new String[]{"环节", "件数", "中位", "90%", "最长"}, new float[]{0.28f, 0.12f, 0.2f, 0.2f, 0.2f},
                c.figures().cycleTimes().stream().map(t -> new String[]{t.label(), String.valueOf(t.cases()),
                        duration(t.p50Seconds()), duration(t.p90Seconds()), duration(t.maxSeconds())}).toList());

        if (c.rankedLevel() != null) {
            w.heading("三、下级单位排名（" + levelName(c.rankedLevel()) + "，按满意率、按期结案率、解决率）");
            w.table(new String[]{"名次", "单位", "满意率", "按期结案率", "解决率"},
                    new float[]{0.1f, 0.3f, 0.2f, 0.2f, 0.2f}, c.units().stream().map(r -> new String[]{
                            String.valueOf(r.rank()), r.unit(), ranked(r, Kpi.SATISFACTION),
                            ranked(r, Kpi.ON_TIME), ranked(r, Kpi.RESOLUTION)}).toList());
            w.gap(6);
            w.barChart("图2 下级单位满意率", c.units().stream().limit(MonthlyReports.TOP * 2L)
                    .map(r -> new Bar(r.unit(), rate(figure(r, Kpi.SATISFACTION)), null)).toList(), 1.0,
                    Writer::percent);
        }

        w.heading("四、职能部门排名（本单位吹哨的案件）");
        w.table(new String[]{"名次", "部门", "响应率", "结果好评率", "态度好评率", "核查未通过率", "返工率"},
                new float[]{0.08f, 0.2f, 0.14f, 0.15f, 0.15f, 0.15f, 0.13f}, c.departments().stream()
                        .map(r -> new String[]{String.valueOf(r.rank()), r.unit(), ranked(r, Kpi.RESPONSE),
                                ranked(r, Kpi.DEPT_RESULT), ranked(r, Kpi.DEPT_ATTITUDE),
                                ranked(r, Kpi.DEPT_VERIFICATION_FAILED), ranked(r, Kpi.DEPT_REOPENED)}).toList());

        w.heading("五、高发问题（未诉先办）");
        w.table(new String[]{"网格", "类别", "本月", "上月", "居民", "巡查", "12345等"},
                new float[]{0.26f, 0.18f, 0.1f, 0.1f, 0.12f, 0.12f, 0.12f}, c.hotspots().stream()
                        .map(h -> new String[]{h.gridCode(), category(h.category()), String.valueOf(h.cases()),
                                h.previous() == null ? "—" : String.valueOf(h.previous()),
                                String.valueOf(h.resident()), String.valueOf(h.patrol()), String.valueOf(h.open311())})
                        .toList());
        w.gap(6);
        long most = c.trend().stream().mapToLong(MonthlyReports.MonthTotal::cases).max().orElse(0);
        w.barChart("图3 近12个月每月诉求件数", c.trend().stream().map(t -> new Bar(t.month(), (double) t.cases(),
                null)).toList(), Math.max(1, most), v -> String.valueOf(Math.round(v)));
        w.gap(4);
        w.text("同一地点同类问题反复发生（本月及前两月，" + MonthlyReports.REPEATED_MIN + "次及以上）", 11);
        w.gap(4);
        w.table(new String[]{"地点", "类别", "网格", "件数", "已办结", "主动治理"},
                new float[]{0.22f, 0.16f, 0.26f, 0.1f, 0.1f, 0.16f}, c.repeated().stream()
                        .map(r -> new String[]{String.format("%.4f, %.4f", r.latitude(), r.longitude()),
                                category(r.category()), r.gridCode(), String.valueOf(r.cases()),
                                String.valueOf(r.closed()), r.proactiveRequestIds().isEmpty() ? "未立案"
                                : String.join(" ", r.proactiveRequestIds())}).toList());

        w.heading("六、超期未办结案件（生成时 " + c.overdueCount()
                + (c.overdueCount() >= AuditQueries.LIMIT ? "件以上" : "件") + "）");
        w.table(new String[]{"案件", "网格", "类别", "状态", "应办结"}, new float[]{0.26f, 0.26f, 0.14f, 0.14f, 0.2f},
                c.overdue().stream().map(o -> new String[]{o.requestId(), o.gridCode(), category(o.category()),
                        status(o.status()), o.dueAt() == null ? "" : ISSUED.format(o.dueAt())})
                        .toList());

        w.heading("七、每月一题");
        if (c.topics().isEmpty()) {
            w.text("本月未确定每月一题。", 10);
        }
        for (MonthlyReports.TopicLine t : c.topics()) {
            w.paragraph(t.topic().title() + "（" + t.topic().unit() + "，" + category(t.topic().category()) + "）", 11);
            if (t.topic().goal() != null) {
                w.paragraph("目标：" + t.topic().goal(), 10);
            }
            w.paragraph("诉求 " + t.progress().cases() + " 件（另重复 " + t.progress().repeats() + " 件），已办结 "
                    + t.progress().closed() + " 件，解决 " + t.progress().resolved() + " 件，评价 "
                    + t.progress().rated() + " 件，满意 " + t.progress().satisfied() + " 件。"
                    + (t.topic().closedAt() == null ? "进行中。" : "已于 " + ISSUED.format(t.topic().closedAt())
                    + " 结题：" + t.topic().summary()), 10);
            w.gap(4);
        }
    }

    /** A bar of a chart: its label, its value and the month before's (null: none). */
    record Bar(String label, Double value, Double before) {
    }

    private static String value(EvaluationQueries.Figure f, boolean count) {
        return count ? String.valueOf(f.numerator()) : Writer.percent(rate(f.value()));
    }

    private static Double rate(BigDecimal v) {
        return v == null ? null : v.doubleValue();
    }

    private static BigDecimal figure(EvaluationQueries.Ranked r, Kpi kpi) {
        return r.figures().stream().filter(f -> f.figure().equals(kpi.name())).findFirst()
                .map(EvaluationQueries.Figure::value).orElse(null);
    }

    private static String ranked(EvaluationQueries.Ranked r, Kpi kpi) {
        return Writer.percent(rate(figure(r, kpi)));
    }

    static String category(String code) {
        return code == null ? "" : Category.byCode(code).map(Category::nameZh).orElse(code);
    }

    /** A case's status as the pages word it in Chinese. */
    static String status(String status) {
        return status == null ? "" : switch (status) {
            case "SUBMITTED" -> "已提交";
            case "ACCEPTED" -> "已受理";
            case "REJECTED" -> "不予受理";
            case "MERGED" -> "已合并";
            case "GRID_HANDLING" -> "网格处置中";
            case "WHISTLED" -> "部门办理中";
            case "AWAITING_DECISION" -> "网格研判中";
            case "VERIFYING" -> "核查中";
            case "AWAITING_FEEDBACK" -> "待评价";
            case "RETURN_VISIT" -> "回访中";
            case "REOPENED" -> "重新办理";
            case "CLOSED" -> "已办结";
            default -> status;
        };
    }

    static String levelName(String level) {
        return switch (level) {
            case "GRID" -> "网格";
            case "COMMUNITY" -> "社区";
            case "STREET" -> "街道";
            case "DISTRICT" -> "区";
            case "CITY" -> "市";
            default -> level;
        };
    }

    static String duration(Double seconds) {
        if (seconds == null) {
            return "—";
        }
        Duration d = Duration.ofSeconds(Math.round(seconds));
        if (d.toDays() > 0) {
            return d.toDays() + "天" + d.toHoursPart() + "小时";
        }
        if (d.toHours() > 0) {
            return d.toHours() + "小时" + d.toMinutesPart() + "分";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "分" + d.toSecondsPart() + "秒" : d.toSeconds() + "秒";
    }

    /** The first configured font file that exists. */
    private FontFile openFont() throws IOException {
        for (String entry : config.fonts()) {
            int hash = entry.indexOf('#');
            File file = new File(hash < 0 ? entry : entry.substring(0, hash));
            if (file.isFile()) {
                return new FontFile(file, hash < 0 ? null : entry.substring(hash + 1));
            }
        }
        throw new ProblemException(503, "Service Unavailable", "no CJK font for the PDF: install one of " + config.fonts()
                + " (Debian: fonts-wqy-zenhei) or set gridloop.report.fonts", List.of());
    }

    /** A TrueType font file, or a face of a collection, open while the document that embeds it is written. */
    private static final class FontFile implements AutoCloseable {
        private final File file;
        private final String face;
        private TrueTypeCollection collection;

        FontFile(File file, String face) {
            this.file = file;
            this.face = face;
        }

        PDType0Font load(PDDocument doc) throws IOException {
            if (face == null) {
                return PDType0Font.load(doc, file);
            }
            collection = new TrueTypeCollection(file);
            TrueTypeFont ttf = collection.getFontByName(face);
            if (ttf == null) {
                throw new IOException("no face " + face + " in " + file);
            }
            return PDType0Font.load(doc, ttf, true);
        }

        @Override
        public void close() throws IOException {
            if (collection != null) {
                collection.close();
            }
        }
    }

    /**
     * Writes down the pages: text, wrapped paragraphs, tables with a header row, horizontal bar charts; a new page
     * when the next block does not fit, each page with the report's title and its number at the foot.
     */
    static final class Writer implements AutoCloseable {
        private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
        private final PDDocument doc;
        private final PDType0Font font;
        private final String footer;
        private final Map<Integer, Boolean> glyphs = new HashMap<>();
        private PDPageContentStream page;
        private int pages;
        private float y;

        Writer(PDDocument doc, PDType0Font font, String footer) throws IOException {
            this.doc = doc;
            this.font = font;
            this.footer = footer;
            newPage();
        }

        void gap(float points) {
            y -= points;
        }

        void heading(String text) throws IOException {
            room(60);
            gap(8);
            text(text, 13);
            gap(4);
        }

        void text(String text, float size) throws IOException {
            room(size + 4);
            y -= size + 2;
            show(text, MARGIN, y, size);
        }

        void paragraph(String text, float size) throws IOException {
            for (String line : wrap(text, WIDTH, size)) {
                text(line, size);
            }
        }

        /** A table: the header row shaded; cells cut to their column's width. */
        void table(String[] head, float[] widths, List<String[]> rows) throws IOException {
            float size = 9;
            float row = size + 6;
            if (rows.isEmpty()) {
                text("（无）", size);
                return;
            }
            room(row * 2);
            headRow(head, widths, size, row);
            for (String[] cells : rows) {
                if (y - row < MARGIN + 20) {
                    newPage();
                    headRow(head, widths, size, row);
                }
                cells(cells, widths, size, row);
                page.setStrokingColor(0.85f, 0.85f, 0.85f);
                page.moveTo(MARGIN, y);
                page.lineTo(MARGIN + WIDTH, y);
                page.stroke();
            }
        }

        private void headRow(String[] head, float[] widths, float size, float row) throws IOException {
            page.setNonStrokingColor(0.92f, 0.94f, 0.97f);
            page.addRect(MARGIN, y - row, WIDTH, row);
            page.fill();
            page.setNonStrokingColor(0f, 0f, 0f);
            cells(head, widths, size, row);
        }

        private void cells(String[] cells, float[] widths, float size, float row) throws IOException {
            y -= row;
            float x = MARGIN;
            for (int i = 0; i < cells.length; i++) {
                float w = widths[i] * WIDTH;
                show(cut(cells[i], w - 4, size), x + 2, y + 4, size);
                x += w;
            }
        }

        /**
         * A horizontal bar chart: a bar per item, scaled to {@code max}, this month's bar dark and the month
         * before's (when there is one) light beneath it, the value written after the bar.
         */
        void barChart(String title, List<Bar> bars, double max, Function<Double, String> format) throws IOException {
            if (bars.isEmpty()) {
                return;
            }
            float size = 8;
            boolean paired = bars.stream().anyMatch(b -> b.before() != null);
            float bar = 7;
            float step = paired ? 2 * bar + 5 : bar + 5;
            float labelWidth = 110;
            float plot = WIDTH - labelWidth - 50;
            room(20 + step * Math.min(bars.size(), 8));
            text(title, 10);
            gap(4);
            for (Bar b : bars) {
                if (y - step < MARGIN + 20) {
                    newPage();
                }
                y -= step;
                float top = y + step - 3;
                show(cut(b.label(), labelWidth - 6, size), MARGIN, top - bar + 1, size);
                bar(b.value(), max, labelWidth, top - bar, bar, plot, THIS_MONTH);
                show(format.apply(b.value()), MARGIN + labelWidth + length(b.value(), max, plot) + 4,
                        top - bar + 1, size);
                if (paired) {
                    bar(b.before(), max, labelWidth, top - 2 * bar - 1, bar, plot, MONTH_BEFORE);
                }
            }
            gap(6);
        }

        private void bar(Double value, double max, float x, float y, float height, float plot, float[] rgb)
                throws IOException {
            float length = length(value, max, plot);
            if (length <= 0) {
                return;
            }
            page.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
            page.addRect(MARGIN + x, y, length, height);
            page.fill();
            page.setNonStrokingColor(0f, 0f, 0f);
        }

        private static float length(Double value, double max, float plot) {
            return value == null || max <= 0 ? 0 : (float) (Math.min(value, max) / max * plot);
        }

        static String percent(Double rate) {
            return rate == null ? "—" : String.format("%.1f%%", rate * 100);
        }

        /** Starts a new page when fewer than {@code height} points are left. */
        private void room(float height) throws IOException {
            if (y - height < MARGIN + 20) {
                newPage();
            }
        }

        private void newPage() throws IOException {
            if (page != null) {
                page.close();
            }
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            pages++;
            show(footer + "    第 " + pages + " 页", MARGIN, MARGIN - 20, 8);
            y = TOP;
        }

        private void show(String text, float x, float y, float size) throws IOException {
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(printable(text));
            page.endText();
        }

        /** The text with each character the font has no glyph for written as '?'. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> out.appendCodePoint(glyphs.computeIfAbsent(cp, this::hasGlyph) ? cp : '?'));
            return out.toString();
        }

        private boolean hasGlyph(int codePoint) {
            if (Character.isISOControl(codePoint)) {
                return false;
            }
            try {
                font.encode(new String(Character.toChars(codePoint)));
                return true;
            } catch (IllegalArgumentException | IOException e) {
                return false;
            }
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(printable(text)) / 1000 * size;
        }

        /** The text cut (with '…') to fit {@code width}. */
        private String cut(String text, float width, float size) throws IOException {
            if (text == null) {
                return "";
            }
            if (width(text, size) <= width) {
                return text;
            }
            String s = text;
            while (!s.isEmpty() && width(s + "…", size) > width) {
                s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
            }
            return s + "…";
        }

        /** The text in lines of at most {@code width} (Chinese has no spaces: cut anywhere). */
        private List<String> wrap(String text, float width, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (int cp : text.codePoints().toArray()) {
                if (cp == '\n' || width(line.toString() + new String(Character.toChars(cp)), size) > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                    if (cp == '\n') {
                        continue;
                    }
                }
                line.appendCodePoint(cp);
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            return lines;
        }

        @Override
        public void close() throws IOException {
            page.close();
        }
    }
}
