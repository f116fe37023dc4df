package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

/**
 * Ready means the service can work: its engine runs its timers (with the job executor stopped the service is not
 * ready) and its consumer is a member of its group with its partitions.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class ReadinessIT {

    @Inject
    ProcessEngine engine;

    @Test
    void readyOnlyOnceTheConsumerHasJoinedItsGroup() {
        // grid-intake reads gridloop.dispatches and gridloop.escalations (3 partitions each in the tests' broker);
        // alone in its group, it gets partitions once it has joined (which takes a moment after start)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'event consumer' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'event consumer' }.data.member", equalTo(true))
                .body("checks.find { it.name == 'event consumer' }.data.partitions", greaterThan(0)));
    }

    @Test
    void readyOnlyWhileTheEngineRunsItsTimers() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'process engine' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'process engine' }.data.jobExecutorActive", equalTo(true));
        JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        jobs.shutdown();
        try {
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.name", hasItem("process engine"))
                    .body("checks.find { it.name == 'process engine' }.status", equalTo("DOWN"));
            given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            jobs.start();
        }
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
