package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.platform.engine.EngineMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridloop.intake.Fixtures.metric;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;

/** The process engine's counters are on /q/metrics and count what the engine did; its incidents and jobs too. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class EngineMetricsIT {

    @Inject
    RuntimeService runtime;

    @Inject
    EngineMetrics engineMetrics;

    @Test
    void a_submission_starts_one_more_process_instance() {
        double before = started();
        submit(DemoUser.RESIDENT, "water-leak", nextSpot());
        assertThat(started()).isEqualTo(before + 1);
    }

    @Test
    void an_incident_shows_until_it_is_resolved() {
        String id = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult();
        engineMetrics.sample();
        double before = metric("gridloop_engine_incidents", "");

        String waitingAt = runtime.getActiveActivityIds(instance.getId()).get(0);
        String execution = runtime.createExecutionQuery().processInstanceId(instance.getId()).activityId(waitingAt)
                .list().get(0).getId();
        Incident incident = runtime.createIncident("gridloop-test", execution, "seeded by EngineMetricsIT");
        engineMetrics.sample();
        assertThat(metric("gridloop_engine_incidents", "")).isEqualTo(before + 1);

        runtime.resolveIncident(incident.getId());
        engineMetrics.sample();
        assertThat(metric("gridloop_engine_incidents", "")).isEqualTo(before);
        assertThat(metric("gridloop_engine_jobs", "state=\"due\"")).isNotNegative();
        assertThat(metric("gridloop_engine_jobs", "state=\"failed\"")).isNotNegative();
    }

    private static double started() {
        return metric("gridloop_engine_events_total", "metric=\"root-process-instance-start\"");
    }
}
