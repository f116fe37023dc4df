package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;

/** The process engine's counters are on /q/metrics and count what the engine did. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class EngineMetricsIT {

    private static final Pattern STARTED = Pattern.compile(
            "^gridloop_engine_events_total\\{[^}]*metric=\"root-process-instance-start\"[^}]*} ([0-9.E]+)$",
            Pattern.MULTILINE);

    @Test
    void a_submission_starts_one_more_process_instance() {
        double before = started();
        submit(DemoUser.RESIDENT, "water-leak", nextSpot());
        assertThat(started()).isEqualTo(before + 1);
    }

    private static double started() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = STARTED.matcher(metrics);
        assertThat(m.find()).as("root-process-instance-start on /q/metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
