package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** A request's process as the audit shows it: the diagram, the steps done and the steps waiting now. */
@ApplicationScoped
public class ProcessViews {

    private final HistoryService history;
    private final RepositoryService repository;

    ProcessViews(HistoryService history, RepositoryService repository) {
        this.history = history;
        this.repository = repository;
    }

    public record ProcessView(String processDefinitionKey, String processInstanceId, boolean ended, String bpmnXml,
                              List<String> completedActivityIds, List<String> activeActivityIds) {
    }

    /** Blocking (JDBC): call it from a worker thread. */
    public Optional<ProcessView> forRequest(String requestId) {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(requestId)
                .processDefinitionKey(RequestProcess.KEY)
                .orderByProcessInstanceStartTime().desc()
                .listPage(0, 1).stream().findFirst().orElse(null);
        if (instance == null) {
            return Optional.empty();
        }
        List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).orderByHistoricActivityInstanceStartTime().asc().list();
        List<String> completed = activities.stream().filter(a -> a.getEndTime() != null)
                .map(HistoricActivityInstance::getActivityId).distinct().toList();
        List<String> active = activities.stream().filter(a -> a.getEndTime() == null)
                .map(HistoricActivityInstance::getActivityId).distinct().toList();
        try (InputStream xml = repository.getProcessModel(instance.getProcessDefinitionId())) {
            return Optional.of(new ProcessView(instance.getProcessDefinitionKey(), instance.getId(),
                    instance.getEndTime() != null, new String(xml.readAllBytes(), StandardCharsets.UTF_8),
                    completed, active));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
