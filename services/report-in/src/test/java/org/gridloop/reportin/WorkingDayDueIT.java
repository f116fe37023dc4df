package org.gridloop.reportin;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.TestCalendar;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.gridloop.reportin.DispatchIT.started;
import static org.gridloop.reportin.DispatchIT.token;
import static org.gridloop.reportin.DispatchIT.whistled;

/**
 * Working-day due times across a holiday and a weekend (工作日) for the departments: on a city calendar where today,
 * the days up to the coming weekend and the Monday after it are holidays, the report-in limit the routing table
 * states for illegal construction (1WD), the configured one where it states none (2WH), the table's resolution limit
 * for street lights (3WD) and the limit class's where it states none (complex: 10WD) end after the weekend, at the close of the day or the hour the working-hours count
 * reaches. The department's list and dispatch.started show the same due times.
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
                    "gridloop.limits.from-routing-table", "true",
                    "gridloop.limits.report-in", "2WH",
                    "gridloop.limits.resolve.general", "5WD",
                    "gridloop.limits.resolve.complex", "10WD");
        }
    }

    @Test
    void theTablesReportInLimitAndTheClassesResolutionLimitEndAfterTheHolidaysAndTheWeekend() {
        String id = whistled("illegal-construction", DemoUser.URBAN);
        Instant reportIn = CALENDAR.closeOf(CALENDAR.firstWorkingDay());
        Instant resolve = CALENDAR.closeOf(CALENDAR.workingDay(10));
        assertDues(id, DemoUser.URBAN, reportIn, resolve);
        DispatchEvents.CalledDepartment lead = started(id).departments().stream()
                .filter(d -> "urban-management".equals(d.department())).findFirst().orElseThrow();
        assertThat(lead.reportInDue()).isEqualTo(reportIn);
        assertThat(lead.resolveDue()).isEqualTo(resolve);
    }

    @Test
    void theConfiguredReportInLimitCountsWorkingHoursWhereTheTableStatesNoneAndTheTablesResolutionLimitWorkingDays() {
        // street lights: no report-in limit in the table (the configured 2WH), its own resolution limit (3WD)
        String id = whistled("street-light", DemoUser.URBAN);
        Instant reportIn = CALENDAR.hoursInto(CALENDAR.firstWorkingDay(), 2);
        Instant resolve = CALENDAR.closeOf(CALENDAR.workingDay(3));
        assertDues(id, DemoUser.URBAN, reportIn, resolve);
        DispatchEvents.CalledDepartment lead = started(id).departments().get(0);
        assertThat(lead.reportInDue()).isEqualTo(reportIn);
        assertThat(lead.resolveDue()).isEqualTo(resolve);
    }

    private static void assertDues(String id, DemoUser department, Instant reportIn, Instant resolve) {
        JsonPath list = given().auth().oauth2(token(department)).when().get("/api/dispatches").then()
                .statusCode(200).extract().jsonPath();
        String task = "find { it.requestId == '" + id + "' }";
        assertThat(Instant.parse(list.getString(task + ".reportInDue"))).as("report-in due of %s", id)
                .isEqualTo(reportIn);
        assertThat(Instant.parse(list.getString(task + ".resolveDue"))).as("resolution due of %s", id)
                .isEqualTo(resolve);
    }
}
