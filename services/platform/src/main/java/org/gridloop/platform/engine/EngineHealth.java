package org.gridloop.platform.engine;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the process engine can work: its job executor runs (or no timer of the service would fire) and
 * its tables answer (the deployed process definitions are counted). The database and Kafka have their own checks.
 */
@Readiness
@ApplicationScoped
public class EngineHealth implements HealthCheck {

    private final ProcessEngine engine;

    EngineHealth(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("process engine");
        try {
            JobExecutor jobs = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getJobExecutor();
            long definitions = engine.getRepositoryService().createProcessDefinitionQuery().latestVersion().count();
            boolean running = jobs != null && jobs.isActive();
            return response.status(running && definitions > 0).withData("name", engine.getName())
                    .withData("jobExecutorActive", running).withData("processDefinitions", definitions).build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
