package org.gridloop.intake;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.gridloop.infra.InfraTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Ready means the engine can work: with its job executor stopped (no timer would fire) the service is not ready. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class ReadinessIT {

    @Inject
    ProcessEngine engine;

    @Test
    void readyOnlyWhileTheEngineRunsItsTimers() {
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
