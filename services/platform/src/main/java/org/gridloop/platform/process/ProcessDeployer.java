package org.gridloop.platform.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.quarkus.engine.extension.event.CamundaEngineStartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Deploys the service's processes and decisions from bpmn/ (packaged under {@code processes/}) once the engine is up.
 * Unchanged files are not deployed again (duplicate filtering), so a restart keeps the running versions.
 */
@ApplicationScoped
public class ProcessDeployer {

    private static final Logger LOG = Logger.getLogger(ProcessDeployer.class);

    @ConfigProperty(name = "gridloop.processes")
    Optional<List<String>> resources;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    void deploy(@Observes CamundaEngineStartupEvent started, ProcessEngine engine) {
        if (resources.isEmpty()) {
            return;
        }
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
                .name(application)
                .source(application)
                .enableDuplicateFiltering(true);
        for (String resource : resources.get()) {
            deployment.addClasspathResource("processes/" + resource);
        }
        var result = deployment.deploy();
        LOG.infof("deployed %s as %s", resources, result.getId());
    }
}
