package org.gridloop.reportin.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.platform.inbox.JdbcInbox;
import org.gridloop.reportin.application.Limits;
import org.gridloop.reportin.process.ResolveDispatchAdapter;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.gridloop.reportin.process.ProcessVariables.*;

/**
 * Drives the dispatch process from events: a whistle starts it (a reopened round with the previous round's
 * departments); a department's report-in, answer and dispute, a supervisor's dispute decision and escalation
 * decisions (NEW_DEADLINE, REASSIGN) move that department's branch; a resolved event (a closing by order) ends it.
 * The inbox row, the engine command and any event the process emits commit in one JTA transaction, so a repeat is
 * skipped and a failure leaves nothing half done.
 */
@ApplicationScoped
public class ProcessEventHandler {

    static final String CONSUMER = "report-in.process";
    private static final Logger LOG = Logger.getLogger(ProcessEventHandler.class);
    private static final Set<String> WANTED = Set.of(EventTypes.REQUEST_WHISTLED.name(),
            EventTypes.DISPATCH_REPORTED_IN.name(), EventTypes.DISPATCH_ANSWERED.name(),
            EventTypes.DISPATCH_DISPUTED.name(), EventTypes.DISPATCH_DISPUTE_DECIDED.name(),
            EventTypes.DISPATCH_RESOLVED.name(), EventTypes.ESCALATION_DECIDED.name());

    @Inject
    RuntimeService runtime;

    @Inject
    HistoryService history;

    @Inject
    JdbcInbox inbox;

    @Inject
    Limits limits;

    @Transactional
    public void handle(CloudEvent<?> event) {
        if (!wanted(event.type()) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        Object data = event.data();
        Instant at = event.time() == null ? Instant.now() : event.time();
        if (data instanceof RequestEvents.Whistled whistled) {
            start(whistled);
        } else if (data instanceof DispatchEvents.ReportedIn reported) {
            Map<String, Object> variables = Map.of(REPORTED_IN, true);
            correlateDepartment(event.type(), reported.requestId(), reported.round(), reported.department(), variables);
        } else if (data instanceof DispatchEvents.Answered answered) {
            String answer = ResolveDispatchAdapter.write(new DispatchEvents.Answer(answered.department(), null,
                    answered.result(), answered.note()));
            correlateDepartment(event.type(), answered.requestId(), answered.round(), answered.department(),
                    Map.of(answer(answered.department()), answer));
        } else if (data instanceof DispatchEvents.Disputed disputed) {
            correlateDepartment(event.type(), disputed.requestId(), disputed.round(), disputed.department(),
                    Map.of(DISPUTE_DECISION_DUE, Date.from(at.plus(limits.disputeDecision()))));
        } else if (data instanceof DispatchEvents.DisputeDecided decided) {
            Map<String, Object> variables = new HashMap<>();
            variables.put(DECISION, decided.decision());
            variables.put(TO_DEPARTMENT, decided.toDepartment());
            variables.put(DECIDED_AT, Date.from(at));
            correlateDepartment(event.type(), decided.requestId(), decided.round(), decided.department(), variables);
        } else if (data instanceof DispatchEvents.Resolved resolved) {
            // closed by order: the process resolved it itself otherwise, and is over by now
            runtime.createMessageCorrelation(event.type()).processInstanceBusinessKey(resolved.requestId())
                    .processInstanceVariableEquals(ROUND, resolved.round()).correlateAllWithResult();
        } else if (data instanceof EscalationEvents.Decided decided) {
            escalationDecided(event.type(), decided, at);
        }
    }

    static boolean wanted(String type) {
        return WANTED.contains(type);
    }

    private void start(RequestEvents.Whistled whistled) {
        long running = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(whistled.requestId())
                .variableValueEquals(ROUND, whistled.round()).count();
        if (running > 0) {
            LOG.infof("dispatch of %s round %d already runs; whistle ignored", whistled.requestId(), whistled.round());
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(REQUEST_ID, whistled.requestId());
        variables.put(ROUND, whistled.round());
        variables.put(CATEGORY, whistled.category());
        variables.put(GRID_CODE, whistled.gridCode());
        variables.put(DISTRICT, UnitCodes.unitAt(whistled.gridCode(), UnitCodes.Level.DISTRICT));
        variables.put(PREVIOUS_DEPARTMENTS, null);
        variables.put(PREVIOUS_LIMIT_CLASS, null);
        if (whistled.round() > 1) {
            previousRound(whistled.requestId(), whistled.round() - 1).ifPresent(previous -> {
                variables.put(PREVIOUS_DEPARTMENTS, previous.get(CALLED));
                variables.put(PREVIOUS_LIMIT_CLASS, previous.get(LIMIT_CLASS));
            });
        }
        runtime.startProcessInstanceByKey(PROCESS_KEY, whistled.requestId(), variables);
    }

    /** Who the previous round called in the end (after re-routes), and its limit class, from the engine's history. */
    private Optional<Map<String, Object>> previousRound(String requestId, int round) {
        List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(requestId)
                .variableValueEquals(ROUND, round).list();
        Optional<HistoricProcessInstance> latest = instances.stream()
                .max(Comparator.comparing(HistoricProcessInstance::getStartTime));
        if (latest.isEmpty()) {
            LOG.warnf("%s round %d reopened but round %d is unknown: routing by the table", requestId, round + 1, round);
            return Optional.empty();
        }
        Map<String, Object> values = new HashMap<>();
        for (HistoricVariableInstance variable : history.createHistoricVariableInstanceQuery()
                .processInstanceId(latest.get().getId()).variableNameIn(CALLED, LIMIT_CLASS).list()) {
            // the process-level ones (a sub-process never declares these)
            if (variable.getActivityInstanceId() == null
                    || variable.getActivityInstanceId().equals(latest.get().getId())) {
                values.put(variable.getName(), variable.getValue());
            }
        }
        return values.get(CALLED) == null ? Optional.empty() : Optional.of(values);
    }

    private void escalationDecided(String type, EscalationEvents.Decided decided, Instant at) {
        boolean newDeadline = "NEW_DEADLINE".equals(decided.decision()) && decided.newDeadline() != null;
        boolean reassign = "REASSIGN".equals(decided.decision()) && decided.toDepartment() != null
                && !decided.toDepartment().isBlank();
        if (decided.department() == null || !newDeadline && !reassign) {
            return; // COORDINATE is a note on the record; ORDER_CLOSING comes back as dispatch.resolved
        }
        Optional<ProcessInstance> instance = running(decided.requestId());
        if (instance.isEmpty()) {
            LOG.infof("escalation %s of %s: no running dispatch", decided.decision(), decided.requestId());
            return;
        }
        if (reassign && calledDepartments(instance.get()).contains(decided.toDepartment())) {
            LOG.warnf("escalation REASSIGN of %s to %s: already called", decided.requestId(), decided.toDepartment());
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(ESCALATION_DECISION, decided.decision());
        variables.put(TO_DEPARTMENT, reassign ? decided.toDepartment() : null);
        variables.put(NEW_DEADLINE, newDeadline ? Date.from(decided.newDeadline()) : null);
        variables.put(DECIDED_AT, Date.from(at));
        List<MessageCorrelationResult> results = runtime.createMessageCorrelation(type)
                .processInstanceId(instance.get().getId())
                .localVariableEquals(DEPARTMENT, decided.department())
                .setVariables(variables)
                .correlateAllWithResult();
        if (results.isEmpty()) {
            LOG.infof("escalation %s of %s: %s is not waiting (answered already?)", decided.decision(),
                    decided.requestId(), decided.department());
        }
    }

    private void correlateDepartment(String type, String requestId, int round, String department,
                                     Map<String, Object> variables) {
        List<MessageCorrelationResult> results = runtime.createMessageCorrelation(type)
                .processInstanceBusinessKey(requestId)
                .processInstanceVariableEquals(ROUND, round)
                .localVariableEquals(DEPARTMENT, department)
                .setVariables(variables)
                .correlateAllWithResult();
        if (!results.isEmpty()) {
            return;
        }
        Optional<ProcessInstance> instance = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(requestId).variableValueEquals(ROUND, round).list().stream().findFirst();
        if (instance.isPresent() && !calledDepartments(instance.get()).contains(department)) {
            // a department called by an escalation's reassignment acted before the process took the reassignment in
            throw new IllegalStateException(type + ": " + department + " not yet called by the process of "
                    + requestId + "; retried");
        }
        // the REST command checked the department's status first, so this is a replay of something applied
        LOG.warnf("%s for %s round %d (%s) found no waiting department", type, requestId, round, department);
    }

    private Optional<ProcessInstance> running(String requestId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(requestId).list().stream().findFirst();
    }

    private List<String> calledDepartments(ProcessInstance instance) {
        Object called = runtime.getVariable(instance.getId(), CALLED);
        return called == null ? List.of() : Arrays.stream(called.toString().split(","))
                .map(entry -> entry.substring(0, entry.indexOf(':'))).toList();
    }
}
