package org.gridloop.escalation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.gridloop.contracts.Actor;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventType;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RejectReason;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.SharedInfra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 每月一题 in street 110105012 (nobody else's), the district's supervisor picking garbage as this month's topic:
 * <pre>
 * T1 garbage  the month before                 (in the trend only)
 * T2 garbage  this month, closed RESOLVED, rated 5
 * T3 garbage  this month, closed UNSATISFIED, rated 1
 * T4 garbage  this month, open
 * T5 noise    this month                       (another category)
 * T6 garbage  this month, rejected             (left out)
 * T7 garbage  this month, a duplicate merged into T4 (a repeat)
 *
 * progress: cases 3 (T2 T3 T4), repeats 1, closed 2, resolved 1, rated 2, satisfied 1; open: T4
 * months:   the month before 1, this month 4 (T2 T3 T4 T7)
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class TopicIT {

    static final String STREET = "110105012";
    static final String GRID = "110105012001001";
    static final RequestEvents.Location WHERE = new RequestEvents.Location(39.92, 116.43, null);
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    static final YearMonth THIS_MONTH = YearMonth.now(FactChanges.ZONE);
    static final Instant NOW = THIS_MONTH.atDay(1).atTime(LocalTime.of(10, 0)).atZone(FactChanges.ZONE).toInstant();
    static final Instant BEFORE = THIS_MONTH.minusMonths(1).atDay(10).atTime(LocalTime.of(10, 0))
            .atZone(FactChanges.ZONE).toInstant();
    static final List<CloudEvent<?>> ALL = new ArrayList<>();
    static final String[] T = new String[8];
    static EventTopics events;

    @BeforeAll
    static void producer() {
        events = EventTopics.producer();
        for (int i = 1; i <= 7; i++) {
            T[i] = "TOP-" + i + "-" + SUFFIX;
        }
    }

    @AfterAll
    static void close() {
        events.close();
    }

    static synchronized void theReports() {
        if (!ALL.isEmpty()) {
            return;
        }
        report(T[1], "garbage", BEFORE);
        report(T[2], "garbage", NOW);
        add(EventTypes.REQUEST_RATED, T[2], NOW.plusSeconds(3600), new RequestEvents.Rated(T[2], 5, null));
        add(EventTypes.REQUEST_CLOSED, T[2], NOW.plusSeconds(3601), new RequestEvents.Closed(T[2],
                CaseOutcome.RESOLVED, 5));
        report(T[3], "garbage", NOW.plusSeconds(60));
        add(EventTypes.REQUEST_RATED, T[3], NOW.plusSeconds(3600), new RequestEvents.Rated(T[3], 1, null));
        add(EventTypes.REQUEST_CLOSED, T[3], NOW.plusSeconds(3601), new RequestEvents.Closed(T[3],
                CaseOutcome.UNSATISFIED, 1));
        report(T[4], "garbage", NOW.plusSeconds(120));
        report(T[5], "noise", NOW.plusSeconds(180));
        report(T[6], "garbage", NOW.plusSeconds(240));
        add(EventTypes.REQUEST_REJECTED, T[6], NOW.plusSeconds(300), new RequestEvents.Rejected(T[6],
                RejectReason.SPAM, null));
        add(EventTypes.REQUEST_CLOSED, T[6], NOW.plusSeconds(300), new RequestEvents.Closed(T[6],
                CaseOutcome.REJECTED, null));
        add(EventTypes.REQUEST_MERGED, T[7], NOW.plusSeconds(360), new RequestEvents.Merged(T[7], T[4], GRID,
                "garbage", "resident", WHERE));
        ALL.forEach(events::send);
        TestEvents.awaitOnTimelines(java.util.Arrays.asList(T).subList(1, 8), ALL);
    }

    static void report(String id, String category, Instant at) {
        add(EventTypes.REQUEST_SUBMITTED, id, at, new RequestEvents.Submitted(id, "resident", category, "x", WHERE,
                GRID, List.of(), false, at));
        add(EventTypes.REQUEST_ACCEPTED, id, at.plusSeconds(30), new RequestEvents.Accepted(id, category, GRID));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void add(EventType<?> type, String id, Instant at, Object payload) {
        ALL.add(TestEvents.event((EventType) type, id, new Actor("alice", "resident"), at, payload));
    }

    static String token(DemoUser who) {
        return SharedInfra.get().jwt().token(who);
    }

    static io.restassured.response.Response post(DemoUser who, String path, Map<String, ?> body) {
        return given().auth().oauth2(token(who)).contentType(ContentType.JSON).body(body).when().post(path);
    }

    @Test
    void aSupervisorPicksTheMonthsTopicTracksItsCasesAndClosesItWithASummary() {
        theReports();
        // refusals first: nothing is stored by them
        post(DemoUser.DISTRICT_SUPERVISOR, "/api/topics", Map.of("unit", STREET, "category", "garbage"))
                .then().statusCode(400);
        post(DemoUser.DISTRICT_SUPERVISOR, "/api/topics", Map.of("unit", STREET, "category", "Garbage!",
                "title", "x")).then().statusCode(400);
        post(DemoUser.DISTRICT_SUPERVISOR, "/api/topics", Map.of("unit", STREET, "category", "garbage",
                "title", "x", "month", THIS_MONTH.minusMonths(1).toString())).then().statusCode(400);
        post(DemoUser.STREET_SUPERVISOR, "/api/topics", Map.of("unit", STREET, "category", "garbage",
                "title", "x")).then().statusCode(403);
        post(DemoUser.ADMIN, "/api/topics", Map.of("unit", STREET, "category", "garbage", "title", "x"))
                .then().statusCode(403);
        post(DemoUser.GRID_WORKER, "/api/topics", Map.of("unit", STREET, "category", "garbage", "title", "x"))
                .then().statusCode(403);

        JsonPath picked = post(DemoUser.DISTRICT_SUPERVISOR, "/api/topics", Map.of("unit", STREET,
                "category", "garbage", "title", "垃圾清运不及时", "goal", "月底前清运点位全覆盖"))
                .then().statusCode(201).extract().jsonPath();
        String id = picked.getString("topic.id");
        assertThat(picked.getString("topic.month")).isEqualTo(THIS_MONTH.atDay(1).toString());
        assertThat(picked.getString("topic.openedBy")).isEqualTo("sun");
        assertThat(picked.getMap("progress")).containsEntry("cases", 3).containsEntry("repeats", 1)
                .containsEntry("closed", 2).containsEntry("resolved", 1).containsEntry("rated", 2)
                .containsEntry("satisfied", 1);
        assertThat(picked.getList("openCases.requestId", String.class)).containsExactly(T[4]);
        assertThat(picked.getList("months", Map.class)).extracting(m -> m.get("month") + "=" + m.get("reports"))
                .containsExactly(THIS_MONTH.minusMonths(1) + "=1", THIS_MONTH + "=4");
        // one topic per unit and month
        post(DemoUser.DISTRICT_SUPERVISOR, "/api/topics", Map.of("unit", STREET, "category", "noise",
                "title", "y")).then().statusCode(409);

        // the district lists it; another street's supervisor cannot see it
        assertThat(given().auth().oauth2(token(DemoUser.DISTRICT_SUPERVISOR)).when().get("/api/topics")
                .then().statusCode(200).extract().jsonPath().getList("id", String.class)).contains(id);
        given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/topics/" + id).then()
                .statusCode(404);
        assertThat(given().auth().oauth2(token(DemoUser.STREET_SUPERVISOR)).when().get("/api/topics")
                .then().statusCode(200).extract().jsonPath().getList("id", String.class)).doesNotContain(id);

        // closed with a summary, once
        post(DemoUser.DISTRICT_SUPERVISOR, "/api/topics/" + id + "/close", Map.of("summary", " ")).then()
                .statusCode(400);
        JsonPath closed = post(DemoUser.DISTRICT_SUPERVISOR, "/api/topics/" + id + "/close",
                Map.of("summary", "新增两处清运点，投诉下降")).then().statusCode(200).extract().jsonPath();
        assertThat(closed.getString("topic.closedAt")).isNotNull();
        assertThat(closed.getString("topic.summary")).isEqualTo("新增两处清运点，投诉下降");
        assertThat(closed.getString("topic.closedBy")).isEqualTo("sun");
        post(DemoUser.DISTRICT_SUPERVISOR, "/api/topics/" + id + "/close", Map.of("summary", "again")).then()
                .statusCode(409);
    }
}
