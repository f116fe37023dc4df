package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.infra.MetricsText;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.process.OpenCases;
import org.gridloop.platform.db.Sql;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.gridloop.intake.Fixtures.metric;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;
import static org.gridloop.intake.Fixtures.token;

/** What an operator reads of the loop on /q/metrics: the open cases by stage, and the steps as they commit. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class OpenCasesIT {

    @Inject
    OpenCases openCases;

    @Inject
    Sql sql;

    @Test
    void anOpenCaseCountsAtItsStageAndClosedStagesHaveNoSeries() {
        String id = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        String status = given().auth().oauth2(token(DemoUser.RESIDENT)).when().get("/api/requests/" + id).then()
                .statusCode(200).extract().path("status");
        openCases.sample();

        assertThat(RequestStatus.valueOf(status).open()).isTrue();
        assertThat(metric("gridloop_open_cases", "stage=\"" + status + "\"")).isGreaterThanOrEqualTo(1);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        for (RequestStatus stage : RequestStatus.values()) {
            assertThat(MetricsText.value(metrics, "gridloop_open_cases", "stage=\"" + stage + "\"").isPresent())
                    .as("a series for %s", stage).isEqualTo(stage.open());
        }
    }

    @Test
    void everyCommittedStepCountsOnceByType() {
        String submitted = "type=\"gridloop.request.submitted.v1\"";
        double before = metric("gridloop_events_total", submitted);
        submit(DemoUser.RESIDENT, "water-leak", nextSpot());
        assertThat(metric("gridloop_events_total", submitted)).isEqualTo(before + 1);
        // a missed limit has its series before the first one is missed, so an alert's rate works from the start
        assertThat(metric("gridloop_events_total", "type=\"gridloop.request.limit-missed.v1\"")).isNotNegative();
    }

    @Test
    void thePartialIndexCoversExactlyTheOpenStatuses() {
        String definition = sql.one("SELECT indexdef FROM pg_indexes WHERE indexname = 'service_request_open_status'",
                row -> row.getString(1)).orElseThrow();
        assertThat(Arrays.stream(RequestStatus.values()).filter(s -> definition.contains("'" + s.name() + "'")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(RequestStatus.values())
                        .filter(RequestStatus::open).toList());
    }
}
