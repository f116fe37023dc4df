package org.gridloop.intake;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.RuntimeService;
import org.gridloop.infra.DemoUser;
import org.gridloop.infra.InfraTestResource;
import org.gridloop.intake.process.RequestProcess;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.engine.ProcessTrail;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.gridloop.intake.Fixtures.nextSpot;
import static org.gridloop.intake.Fixtures.submit;
import static org.gridloop.intake.Fixtures.token;

/**
 * The case page's process comes from the process trail (one row per instance, written in the step's transaction),
 * and a case whose process started before the trail was kept is drawn from Camunda's activity history for its
 * earlier steps and from the trail for the later ones.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class ProcessViewIT {

    private static final String ENGINE = "grid_intake_engine";

    @Inject
    ProcessTrail trails;

    @Inject
    RuntimeService runtime;

    @Inject
    Sql sql;

    @Test
    void a_submitted_case_shows_its_steps_from_the_trail_and_none_in_camundas_history() {
        String id = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");

        // the test's acceptance limit (3 s) may move the case between the answer and the reads: asked again then
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonPath process = process(id);
            ProcessTrail.Trail trail = trails.latest(id, RequestProcess.KEY).orElseThrow();
            assertThat(process.getString("processInstanceId")).isEqualTo(trail.processInstanceId());
            assertThat(process.getList("completedActivityIds", String.class))
                    .startsWith("StartEvent_RequestSubmitted", "BusinessRuleTask_Route")
                    .isEqualTo(trail.completedActivityIds());
            assertThat(process.getList("activeActivityIds", String.class))
                    .isEqualTo(runtime.getActiveActivityIds(trail.processInstanceId()).stream().distinct().sorted()
                            .toList())
                    .isNotEmpty();
            assertThat(process.getBoolean("ended")).isFalse();
            assertThat(process.getString("bpmnXml")).contains("resident-request");
            assertThat(count(ENGINE + ".act_hi_actinst WHERE proc_inst_id_ = ?", trail.processInstanceId())
                    + count(ENGINE + ".act_hi_procinst WHERE id_ = ?", trail.processInstanceId())).isZero();
        });
    }

    @Test
    void a_case_started_before_the_trail_joins_camundas_history_and_the_trail() {
        String id = submit(DemoUser.RESIDENT, "water-leak", nextSpot()).getString("id");
        ProcessTrail.Trail trail = trails.latest(id, RequestProcess.KEY).orElseThrow();
        String instance = trail.processInstanceId();
        List<String> steps = trail.completedActivityIds();
        // as if the case had started at the activity level: its first two steps in Camunda's history, the rest in
        // a trail without a start or a business key (the trail's shape for an instance it met running)
        QuarkusTransaction.requiringNew().run(() -> {
            sql.update("INSERT INTO " + ENGINE + ".act_hi_procinst (id_, proc_inst_id_, business_key_, proc_def_key_, "
                    + "proc_def_id_, start_time_, state_) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE')", instance, instance, id,
                    RequestProcess.KEY, trail.definitionId(), Instant.now());
            for (int i = 0; i < 2; i++) {
                sql.update("INSERT INTO " + ENGINE + ".act_hi_actinst (id_, proc_def_key_, proc_def_id_, "
                        + "root_proc_inst_id_, proc_inst_id_, execution_id_, act_id_, act_type_, start_time_, "
                        + "end_time_) VALUES (?, ?, ?, ?, ?, ?, ?, 'task', ?, ?)", steps.get(i) + ":" + instance,
                        RequestProcess.KEY, trail.definitionId(), instance, instance, instance, steps.get(i),
                        Instant.now().plusMillis(i), Instant.now().plusMillis(i));
            }
            sql.update("UPDATE " + ENGINE + ".gridloop_process_trail SET started_at = NULL, business_key = NULL, "
                    + "completed = ? WHERE process_instance_id = ?", steps.subList(2, steps.size()), instance);
        });
        try {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonPath process = process(id);
                // the trail's steps as they are now (the acceptance limit may have added some since the update)
                List<String> expected = new ArrayList<>(steps.subList(0, 2));
                expected.addAll(trails.of(instance).orElseThrow().completedActivityIds());
                assertThat(process.getString("processInstanceId")).isEqualTo(instance);
                assertThat(process.getList("completedActivityIds", String.class)).as("history's two, then the trail's")
                        .startsWith(steps.toArray(String[]::new)).isEqualTo(expected);
                assertThat(process.getList("activeActivityIds", String.class))
                        .containsExactlyInAnyOrderElementsOf(runtime.getActiveActivityIds(instance).stream()
                                .distinct().toList())
                        .isNotEmpty();
                assertThat(process.getBoolean("ended")).isFalse();
            });
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                sql.update("DELETE FROM " + ENGINE + ".act_hi_actinst WHERE proc_inst_id_ = ?", instance);
                sql.update("DELETE FROM " + ENGINE + ".act_hi_procinst WHERE id_ = ?", instance);
            });
        }
    }

    private static JsonPath process(String id) {
        return given().auth().oauth2(token(DemoUser.ADMIN)).when().get("/api/requests/" + id + "/process").then()
                .statusCode(200).extract().jsonPath();
    }

    private long count(String tableAndCondition, String value) {
        return sql.one("SELECT count(*) FROM " + tableAndCondition, row -> row.getLong(1), value).orElseThrow();
    }
}
