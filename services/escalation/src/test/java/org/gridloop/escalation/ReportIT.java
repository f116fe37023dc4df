package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RejectReason;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.escalation.application.MonthlyReports;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.escalation.repository.Reports;
import org.gridloop.escalation.repository.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 通报 of street 110105013 (nobody else's) for last month (Asia/Shanghai), over a hand-made set of cases; P is one
 * place, G1 is in community 001 and G2 in community 002:
 * <pre>
 * R5 G1 garbage  P          two months ago, closed RESOLVED, rated 5
 * R1 G1 garbage  P          last month, closed RESOLVED, rated 5
 * R2 G1 garbage  P          last month, closed UNSATISFIED, rated 1
 * R3 G2 garbage  P          last month, routed with a day to handle it: open and overdue
 * R4 G2 noise    elsewhere  last month, rejected                     (left out of counts and trend)
 * R6 G2 water    elsewhere  last month, whistled to water, which reported in after 20 min of its hour
 * R7 G1 garbage  P          this month                             (after the report's month: in none of it)
 *
 * figures last month: 满意率 1/2 (two months ago 1/1), 解决率 R1 / R1 R2 R3 R6 = 1/4
 * communities ranked: 001 (满意率 1/2), 002 (nothing rated)
 * departments: water, 响应率 1/1
 * hotspots: (G1, garbage) 2, month before 1; (G2, garbage) 1
 * reports per month: two months ago 1, last month 4
 * repeated (last month and the two before, min 3): P garbage, R3 R2 R1 R5, 3 closed
 * overdue (open, due a day after): R3, then R6 (its department's day to resolve)
 * topic of last month (garbage): cases 3, closed 2, resolved 1, rated 2, satisfied 1
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class ReportIT {

    static final String STREET = "110105013";
    static final String G1 = "110105013001001";
    static final String G2 = "110105013002001";
    static final RequestEvents.Location P = new RequestEvents.Location(39.9301, 116.4401, "工体北路 8 号");
    static final RequestEvents.Location ELSEWHERE = new RequestEvents.Location(39.96, 116.47, null);
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    static final YearMonth LAST_MONTH = YearMonth.now(FactChanges.ZONE).minusMonths(1);
    static final Instant LAST = at(LAST_MONTH, 10);
    static final Instant TWO_BEFORE = at(LAST_MONTH.minusMonths(1), 10);
    static final String[] R = new String[8];
    static final List<CloudEvent<?>> ALL = new ArrayList<>();
    static EventTopics events;

    @Inject
    MonthlyReports monthlyReports;
    @Inject
    Reports reports;
    @Inject
    Topics topics;

    static Instant at(YearMonth month, int day) {
        return month.atDay(day).atTime(LocalTime.of(10, 0)).atZone(FactChanges.ZONE).toInstant();
    }

    @BeforeAll
    static void producer() {
        events = EventTopics.producer();
        for (int i = 1; i <= 7; i++) {
            R[i] = "MR-" + i + "-" + SUFFIX;
        }
    }

    @AfterAll
    static void close() {
        events.close();
    }

    synchronized void theCases() {
        if (!ALL.isEmpty()) {
            return;
        }
        closed(R[5], G1, TWO_BEFORE, CaseOutcome.RESOLVED, 5);
        closed(R[1], G1, LAST, CaseOutcome.RESOLVED, 5);
        closed(R[2], G1, LAST.plusSeconds(60), CaseOutcome.UNSATISFIED, 1);
        accepted(R[3], "garbage", P, G2, LAST.plusSeconds(120));
        add(EventTypes.REQUEST_ROUTED_TO_GRID, R[3], LAST.plusSeconds(180),
                new RequestEvents.RoutedToGrid(R[3], G2, LAST.plus(Duration.ofDays(1))));
        submitted(R[4], "noise", ELSEWHERE, G2, LAST.plusSeconds(240));
        add(EventTypes.REQUEST_REJECTED, R[4], LAST.plusSeconds(300),
                new RequestEvents.Rejected(R[4], RejectReason.SPAM, null));
        add(EventTypes.REQUEST_CLOSED, R[4], LAST.plusSeconds(300), new RequestEvents.Closed(R[4],
                CaseOutcome.REJECTED, null));
        Instant r6 = LAST.plusSeconds(360);
        accepted(R[6], "water-leak", ELSEWHERE, G2, r6);
        add(EventTypes.REQUEST_WHISTLED, R[6], r6.plusSeconds(120),
                new RequestEvents.Whistled(R[6], 1, "water-leak", "x", ELSEWHERE, G2, "rule"));
        add(EventTypes.DISPATCH_STARTED, R[6], r6.plusSeconds(180), new DispatchEvents.Started(R[6], 1,
                "water-leak", G2, "110105", false, List.of(new DispatchEvents.CalledDepartment("water", "lead",
                r6.plus(Duration.ofHours(1)), r6.plus(Duration.ofDays(1))))));
        add(EventTypes.DISPATCH_REPORTED_IN, R[6], r6.plus(Duration.ofMinutes(23)),
                new DispatchEvents.ReportedIn(R[6], 1, "water"));
        accepted(R[7], "garbage", P, G1, at(LAST_MONTH.plusMonths(1), 1));
        ALL.forEach(events::send);
        TestEvents.awaitOnTimelines(Arrays.asList(R).subList(1, 8), ALL);
        topics.add(new Topics.Topic("TOPIC-R" + SUFFIX, STREET, LAST_MONTH.atDay(1), "garbage", "垃圾堆放点位整治",
                "清运点位全覆盖", "sun", LAST, null, null, null));
    }

    static void closed(String id, String grid, Instant at, CaseOutcome outcome, int rating) {
        accepted(id, "garbage", P, grid, at);
        add(EventTypes.REQUEST_RATED, id, at.plusSeconds(3600), new RequestEvents.Rated(id, rating, null));
        add(EventTypes.REQUEST_CLOSED, id, at.plusSeconds(3601), new RequestEvents.Closed(id, outcome, rating));
    }

    static void accepted(String id, String category, RequestEvents.Location where, String grid, Instant at) {
        submitted(id, category, where, grid, at);
        add(EventTypes.REQUEST_ACCEPTED, id, at.plusSeconds(30), new RequestEvents.Accepted(id, category, grid));
    }

    static void submitted(String id, String category, RequestEvents.Location where, String grid, Instant at) {
        add(EventTypes.REQUEST_SUBMITTED, id, at, new RequestEvents.Submitted(id, "resident", category, "x", where,
                grid, List.of(), false, at));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void add(EventType<?> type, String id, Instant at, Object payload) {
        ALL.add(TestEvents.event((EventType) type, id, new Actor("alice", "resident"), at, payload));
    }

    static String token(DemoUser who) {
        return SharedInfra.get().jwt().token(who);
    }

    static io.restassured.response.Response issue(DemoUser who, Map<String, ?> body) {
        return given().auth().oauth2(token(who)).contentType(ContentType.JSON).body(body).when().post("/api/reports");
    }

    static Map<String, Object> figure(JsonPath report, String which, String code) {
        return report.getMap("content." + which + ".figures.find { it.figure == '" + code + "' }");
    }

    @Test
    void aSupervisorIssuesTheStreetsReportForLastMonthAndDownloadsItAsAPdfWithItsCharts() throws IOException {
        theCases();
        JsonPath report = issue(DemoUser.DISTRICT_SUPERVISOR, Map.of("unit", STREET, "month", LAST_MONTH.toString()))
                .then().statusCode(201).extract().jsonPath();
        String id = report.getString("issued.id");
        assertThat(report.getString("issued.issued")).isEqualTo("on-demand");
        assertThat(report.getString("issued.generatedBy")).isEqualTo("sun");
        assertThat(report.getString("content.to")).isEqualTo(LAST_MONTH.atEndOfMonth().toString());

        assertThat(figure(report, "figures", "SATISFACTION")).containsEntry("numerator", 1)
                .containsEntry("denominator", 2);
        assertThat(figure(report, "previous", "SATISFACTION")).containsEntry("numerator", 1)
                .containsEntry("denominator", 1);
        assertThat(figure(report, "figures", "RESOLUTION")).containsEntry("numerator", 1)
                .containsEntry("denominator", 4);
        assertThat(report.getString("content.rankedLevel")).isEqualTo("COMMUNITY");
        assertThat(report.getList("content.units.unit", String.class))
                .containsExactly("110105013001", "110105013002");
        assertThat(report.getList("content.departments.unit", String.class)).containsExactly("water");
        assertThat(report.getMap("content.departments[0].figures.find { it.figure == 'RESPONSE' }"))
                .containsEntry("numerator", 1).containsEntry("denominator", 1);
        assertThat(report.getList("content.hotspots", Map.class))
                .extracting(h -> h.get("gridCode") + "/" + h.get("category") + "=" + h.get("cases") + "<"
                        + h.get("previous"))
                .containsExactly(G1 + "/garbage=2<1", G2 + "/garbage=1<0", G2 + "/water-leak=1<0");
        assertThat(report.getList("content.trend", Map.class)).hasSize(12)
                .filteredOn(t -> ((Number) t.get("cases")).longValue() != 0)
                .extracting(t -> t.get("month") + "=" + t.get("cases"))
                .containsExactly(LAST_MONTH.minusMonths(1) + "=1", LAST_MONTH + "=4");
        assertThat(report.getString("content.trend[0].month")).isEqualTo(LAST_MONTH.minusMonths(11).toString());
        assertThat(report.getList("content.repeated", Map.class)).hasSize(1);
        assertThat(report.getList("content.repeated[0].requestIds", String.class))
                .containsExactly(R[3], R[2], R[1], R[5]);
        assertThat(report.getInt("content.repeated[0].closed")).isEqualTo(3);
        assertThat(report.getInt("content.overdueCount")).isEqualTo(2);
        assertThat(report.getList("content.overdue.requestId", String.class)).containsExactly(R[3], R[6]);
        assertThat(report.getMap("content.topics[0].progress")).containsEntry("cases", 3).containsEntry("closed", 2)
                .containsEntry("resolved", 1).containsEntry("rated", 2).containsEntry("satisfied", 1);

        // read back as issued, by whoever covers the street; the list names it
        assertThat(given().auth().oauth2(token(DemoUser.CITY_SUPERVISOR)).when().get("/api/reports/" + id)
                .then().statusCode(200).extract().jsonPath().getString("content.unit")).isEqualTo(STREET);
        assertThat(given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).queryParam("unit", STREET)
                .when().get("/api/reports").then().statusCode(200).extract().jsonPath().getList("id", String.class))
                .contains(id);

        // the PDF: its text says what the report says, and its charts are drawn
        io.restassured.response.Response pdf = given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR))
                .when().get("/api/reports/" + id + "/pdf");
        pdf.then().statusCode(200).contentType("application/pdf");
        assertThat(pdf.header("Content-Disposition")).contains("gridloop-report-" + STREET + "-" + LAST_MONTH
                + ".pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.asByteArray())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("月度通报 " + STREET, "满意率", "50.0%", "100.0%", "25.0%", "垃圾堆放",
                    "110105013001", "water", R[3], "垃圾堆放点位整治", "诉求 3 件");
            // bars in this month's colour: one per rate with a value above 0 (figures chart), per unit with a
            // satisfaction above 0 (ranking chart), per month with reports (trend chart)
            long rates = report.getList("content.figures.figures", Map.class).stream()
                    .filter(f -> f.get("denominator") != null && f.get("value") != null
                            && ((Number) f.get("value")).doubleValue() > 0).count();
            assertThat(darkBars(doc)).isEqualTo(rates + 1 + 2);
        }
    }

    @Test
    void refusalsStoreNothing() {
        theCases();
        int before = reports.under(STREET, null).size();
        issue(DemoUser.DISTRICT_SUPERVISOR, Map.of("unit", STREET, "month", LAST_MONTH.plusMonths(2).toString()))
                .then().statusCode(400);
        issue(DemoUser.DISTRICT_SUPERVISOR, Map.of("unit", STREET, "month", "1999-12")).then().statusCode(400);
        issue(DemoUser.DISTRICT_SUPERVISOR, Map.of("unit", STREET, "month", "-999999999-01")).then().statusCode(400);
        issue(DemoUser.DISTRICT_SUPERVISOR, Map.of("unit", STREET, "month", "November")).then().statusCode(400);
        issue(DemoUser.DISTRICT_SUPERVISOR, Map.of("unit", "1101", "month", LAST_MONTH.toString()))
                .then().statusCode(400);
        issue(DemoUser.ADMIN, Map.of("month", LAST_MONTH.toString())).then().statusCode(400);
        issue(DemoUser.STREET_SUPERVISOR, Map.of("unit", STREET)).then().statusCode(403);
        issue(DemoUser.GRID_WORKER, Map.of("unit", STREET)).then().statusCode(403);
        assertThat(reports.under(STREET, null)).hasSize(before);
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).queryParam("month", "11/2026").when()
                .get("/api/reports").then().statusCode(400);
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).queryParam("unit", "110106").when()
                .get("/api/reports").then().statusCode(403);
        given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).when().get("/api/reports/RPT-NOPE")
                .then().statusCode(404);
        given().when().get("/api/reports").then().statusCode(401);
        // another street's supervisor neither reads nor downloads the street's report
        String id = issue(DemoUser.ADMIN, Map.of("unit", STREET)).then().statusCode(201).extract().path("issued.id");
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/reports/" + id).then()
                .statusCode(404);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/reports/" + id + "/pdf").then()
                .statusCode(404);
    }

    @Test
    void theMonthEndRunIssuesEachActiveStreetDistrictAndCityOnce() {
        theCases();
        // a month is due two hours after it ended in Shanghai (on the 1st at 02:00 there: 18:00 UTC the day before)
        Instant firstOfThisMonth = LAST_MONTH.plusMonths(1).atDay(1).atStartOfDay(FactChanges.ZONE).toInstant();
        Duration delay = Duration.ofHours(2);
        assertThat(MonthlyReports.dueMonth(firstOfThisMonth.plus(delay).minusSeconds(1), delay))
                .isEqualTo(LAST_MONTH.minusMonths(1));
        assertThat(MonthlyReports.dueMonth(firstOfThisMonth.plus(delay), delay)).isEqualTo(LAST_MONTH);
        assertThatThrownBy(() -> monthlyReports.issueMonth(LAST_MONTH.plusMonths(1)))
                .isInstanceOf(IllegalArgumentException.class);

        int issued = monthlyReports.issueDue(firstOfThisMonth.plus(Duration.ofHours(3)));
        List<Reports.Issued> scheduled = scheduled(LAST_MONTH);
        assertThat(scheduled).extracting(Reports.Issued::unit).contains(STREET, "110105", "110100")
                .doesNotContain(G1, "110105013001").doesNotHaveDuplicates();
        assertThat(issued).isEqualTo(scheduled.size());
        // run again (the next look, a restart): nothing more; a second instance's scheduled report is not stored
        assertThat(monthlyReports.issueMonth(LAST_MONTH)).isZero();
        assertThat(monthlyReports.issue(STREET, LAST_MONTH, Reports.SCHEDULED, null)).isEmpty();
        assertThat(scheduled(LAST_MONTH)).hasSize(scheduled.size());

        // another instance holds the run of the month before: this one leaves it; once that lease ran out (the
        // instance died), this one takes the run up
        YearMonth earlier = LAST_MONTH.minusMonths(1);
        Instant now = Instant.now();
        assertThat(reports.lease(earlier.atDay(1), "another-instance", now, now.plus(Duration.ofHours(1)))).isTrue();
        assertThat(monthlyReports.issueMonth(earlier)).isZero();
        assertThat(reports.scheduled(STREET, earlier.atDay(1))).isFalse();
        reports.lease(earlier.atDay(1), "another-instance", now, now.minusSeconds(1));
        assertThat(monthlyReports.issueMonth(earlier)).isPositive();
        assertThat(reports.scheduled(STREET, earlier.atDay(1))).isTrue();
    }

    List<Reports.Issued> scheduled(YearMonth month) {
        return reports.under("", month.atDay(1)).stream()
                .filter(r -> r.issued().equals(Reports.SCHEDULED)).toList();
    }

    /** Rectangles filled in this month's colour: the bars of the charts. */
    static long darkBars(PDDocument doc) throws IOException {
        long bars = 0;
        for (PDPage page : doc.getPages()) {
            BarCounter counter = new BarCounter(page);
            counter.processPage(page);
            bars += counter.bars;
        }
        return bars;
    }

    static final class BarCounter extends PDFGraphicsStreamEngine {
        long bars;
        private int rectangles;

        BarCounter(PDPage page) {
            super(page);
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            rectangles++;
        }

        @Override
        public void fillPath(int windingRule) throws IOException {
            float[] rgb = getGraphicsState().getNonStrokingColor().getComponents();
            if (rgb.length == 3 && Math.abs(rgb[0] - 0.16f) < 0.01 && Math.abs(rgb[1] - 0.42f) < 0.01
                    && Math.abs(rgb[2] - 0.75f) < 0.01) {
                bars += rectangles;
            }
            rectangles = 0;
        }

        @Override
        public void drawImage(PDImage pdImage) {
        }

        @Override
        public void clip(int windingRule) {
        }

        @Override
        public void moveTo(float x, float y) {
        }

        @Override
        public void lineTo(float x, float y) {
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
        }

        @Override
        public Point2D getCurrentPoint() {
            return new Point2D.Float();
        }

        @Override
        public void closePath() {
        }

        @Override
        public void endPath() {
            rectangles = 0;
        }

        @Override
        public void strokePath() {
            rectangles = 0;
        }

        @Override
        public void fillAndStrokePath(int windingRule) throws IOException {
            fillPath(windingRule);
        }

        @Override
        public void shadingFill(COSName shadingName) {
        }
    }
}
