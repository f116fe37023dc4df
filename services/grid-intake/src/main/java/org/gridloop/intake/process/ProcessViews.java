package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.gridloop.platform.engine.ProcessTrail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request's process as the audit shows it: the diagram, the steps done and the steps waiting now. Read from the
 * process's trail (one row per instance, {@link ProcessTrail}); an instance started before the trail was kept has its
 * first steps in Camunda's activity history, its later ones in the trail.
 */
@ApplicationScoped
public class ProcessViews {

    private final ProcessTrail trails;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final RepositoryService repository;

    ProcessViews(ProcessTrail trails, HistoryService history, RuntimeService runtime, RepositoryService repository) {
        this.trails = trails;
        this.history = history;
        this.runtime = runtime;
        this.repository = repository;
    }

    public record ProcessView(String processDefinitionKey, String processInstanceId, boolean ended, String bpmnXml,
                              List<String> completedActivityIds, List<String> activeActivityIds) {
    }

    /** Blocking (JDBC): call it from a worker thread. */
    public Optional<ProcessView> forRequest(String requestId) {
        Optional<ProcessTrail.Trail> trail = trails.latest(requestId, RequestProcess.KEY);
        // a trail without a start is an instance started before the trail (and ended since: its end names the key)
        if (trail.isPresent() && trail.get().startedAt() != null) {
            ProcessTrail.Trail t = trail.get();
            return Optional.of(view(t.definitionKey(), t.processInstanceId(), t.definitionId(), t.endedAt() != null,
                    t.completedActivityIds(), t.activeActivityIds()));
        }
        return startedBeforeTheTrail(requestId);
    }

    private Optional<ProcessView> startedBeforeTheTrail(String requestId) {
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
        Set<String> completed = new LinkedHashSet<>();
        activities.stream().filter(a -> a.getEndTime() != null).map(HistoricActivityInstance::getActivityId)
                .forEach(completed::add);
        Optional<ProcessTrail.Trail> later = trails.of(instance.getId());
        later.ifPresent(t -> completed.addAll(t.completedActivityIds()));
        boolean ended = instance.getEndTime() != null || later.map(t -> t.endedAt() != null).orElse(false);
        // Camunda's history stopped at the switch, so what is active now is asked of the running instance
        List<String> active = ended ? List.of() : activeNow(instance.getId());
        return Optional.of(view(instance.getProcessDefinitionKey(), instance.getId(),
                instance.getProcessDefinitionId(), ended || active.isEmpty(), List.copyOf(completed), active));
    }

    private List<String> activeNow(String processInstanceId) {
        try {
            return runtime.getActiveActivityIds(processInstanceId).stream().distinct().toList();
        } catch (ProcessEngineException gone) {
            return List.of();
        }
    }

    private ProcessView view(String key, String instanceId, String definitionId, boolean ended,
                             List<String> completed, List<String> active) {
        try (InputStream xml = repository.getProcessModel(definitionId)) {
            return new ProcessView(key, instanceId, ended, new String(xml.readAllBytes(), StandardCharsets.UTF_8),
                    completed, active);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
