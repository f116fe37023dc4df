package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.Topics;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.EventTopics;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.TestCalendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;
import static org.gridloop.intake.Fixtures.token;

/**
 * Working-day due times across a holiday and a weekend (工作日): on a city calendar where today, the days up to the
 * coming weekend and the Monday after it are holidays, the limits the routing table states per category (4WH, 1WD)
 * and the configured ones where it states none (2WD) end on the Tuesday and Wednesday after the weekend, at the
 * hour the working-hours count reaches or at the close of the day. The due time is one: the worker's task list, the
 * event and the process's timer show the same instant.
 */
@QuarkusTest
@TestProfile(WorkingDayDueIT.CityCalendar.class)
@QuarkusTestResource(InfraTestResource.class)
class WorkingDayDueIT {

    static final TestCalendar CALENDAR = TestCalendar.aroundTheComingWeekend();

    public static class CityCalendar implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gridloop.calendar.file", CALENDAR.file().toString(),
                    // the city's rules: the routing table's limits per category, working time by default
                    "gridloop.limits.from-routing-table", "true",
                    "gridloop.limits.acceptance", "1WD",
                    "gridloop.limits.grid-handling", "2WD");
        }
    }

    static EventTopics requests;

    @Inject
    RuntimeService runtime;

    @Inject
    ManagementService management;

    @BeforeAll
    static void watch() {
        requests = EventTopics.watch(Topics.REQUESTS);
    }

    @AfterAll
    static void close() {
        requests.close();
    }

    @Test
    void theTablesLimitsInWorkingHoursAndDaysEndAfterTheHolidaysAndTheWeekend() {
        // noise: the table's 4WH, counted from the first working hour after the days off
        String noise = submit(DemoUser.RESIDENT, "noise", nextSpot()).getString("id");
        Instant fourHoursIn = CALENDAR.hoursInto(CALENDAR.firstWorkingDay(), 4);
        assertOneDue(noise, "HANDLE", "TimerEvent_GridHandlingLimit", fourHoursIn);
        assertThat(routedDue(noise)).isEqualTo(fourHoursIn);

        // garbage: the table's 1WD, the close of the first working day
        String garbage = submit(DemoUser.RESIDENT, "garbage", nextSpot()).getString("id");
        Instant firstClose = CALENDAR.closeOf(CALENDAR.firstWorkingDay());
        assertOneDue(garbage, "HANDLE", "TimerEvent_GridHandlingLimit", firstClose);
        assertThat(routedDue(garbage)).isEqualTo(firstClose);
    }

    @Test
    void theAcceptanceLimitAndTheConfiguredDefaultCountWorkingTimeToo() {
        // unclassified: a person accepts it within the table's 4WH
        String other = submit(DemoUser.RESIDENT, "other", nextSpot()).getString("id");
        Instant fourHoursIn = CALENDAR.hoursInto(CALENDAR.firstWorkingDay(), 4);
        assertOneDue(other, "ACCEPT", "BoundaryEvent_AcceptanceLimit", fourHoursIn);
        await().atMost(EventTopics.PATIENCE).until(() ->
                requests.count(other, EventTypes.REQUEST_ACCEPTANCE_REQUESTED) == 1);
        assertThat(requests.payloads(other, EventTypes.REQUEST_ACCEPTANCE_REQUESTED).get(0).due())
                .isEqualTo(fourHoursIn);

        // accepted: the table states no handling limit for it, the configured 2WD holds: the Wednesday's close
        given().auth().oauth2(token(DemoUser.GRID_WORKER)).contentType(ContentType.JSON)
                .post("/api/tasks/" + other + "/accept").then()
                .statusCode(200);
        Instant secondClose = CALENDAR.closeOf(CALENDAR.firstWorkingDay().plusDays(1));
        assertOneDue(other, "HANDLE", "TimerEvent_GridHandlingLimit", secondClose);
        assertThat(routedDue(other)).isEqualTo(secondClose);
    }

    /** The task's kind and due time on the worker's list, and the due date of the process's timer. */
    private void assertOneDue(String id, String kind, String timerActivity, Instant expected) {
        JsonPath tasks = given().auth().oauth2(token(DemoUser.GRID_WORKER)).when().get("/api/tasks").then()
                .statusCode(200).extract().jsonPath();
        String task = "find { it.request.id == '" + id + "' }";
        assertThat(tasks.getString(task + ".kind")).isEqualTo(kind);
        assertThat(Instant.parse(tasks.getString(task + ".due"))).as("%s's due on the task list", id)
                .isEqualTo(expected);
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
        assertThat(management.createJobQuery().processInstanceId(instance).timers().activityId(timerActivity)
                .singleResult().getDuedate().toInstant()).as("%s's timer", id).isEqualTo(expected);
    }

    private static Instant routedDue(String id) {
        await().atMost(EventTopics.PATIENCE).until(() -> requests.count(id, EventTypes.REQUEST_ROUTED_TO_GRID) == 1);
        return requests.payloads(id, EventTypes.REQUEST_ROUTED_TO_GRID).get(0).handleDue();
    }
}
