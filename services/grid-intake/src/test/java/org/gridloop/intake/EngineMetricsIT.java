package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridloop.intake.Fixtures.metric;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;

/** The process engine's counters are on /q/metrics and count what the engine did. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class EngineMetricsIT {

    @Test
    void a_submission_starts_one_more_process_instance() {
        double before = started();
        submit(DemoUser.RESIDENT, "water-leak", nextSpot());
        assertThat(started()).isEqualTo(before + 1);
    }

    private static double started() {
        return metric("gridloop_engine_events_total", "metric=\"root-process-instance-start\"");
    }
}
