package org.gridloop.reportin.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.platform.inbox.JdbcInbox;
import org.gridloop.reportin.process.ResolveDispatchAdapter;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.gridloop.reportin.process.ProcessVariables.*;

/**
 * Drives the dispatch process from events: a whistle starts it, a department's report-in and answer move that
 * department's branch on. The inbox row, the engine command and any event the process emits commit in one JTA
 * transaction, so a repeat is skipped and a failure leaves nothing half done.
 */
@ApplicationScoped
public class ProcessEventHandler {

    static final String CONSUMER = "report-in.process";
    private static final Logger LOG = Logger.getLogger(ProcessEventHandler.class);

    @Inject
    RuntimeService runtime;

    @Inject
    JdbcInbox inbox;

    @Transactional
    public void handle(CloudEvent<?> event) {
        if (!wanted(event.type()) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        Object data = event.data();
        if (data instanceof RequestEvents.Whistled whistled) {
            start(whistled);
        } else if (data instanceof DispatchEvents.ReportedIn reported) {
            correlate(event.type(), reported.requestId(), reported.round(), reported.department(), Map.of());
        } else if (data instanceof DispatchEvents.Answered answered) {
            String answer = ResolveDispatchAdapter.write(new DispatchEvents.Answer(answered.department(), null,
                    answered.result(), answered.note()));
            correlate(event.type(), answered.requestId(), answered.round(), answered.department(),
                    Map.of(answer(answered.department()), answer));
        }
    }

    static boolean wanted(String type) {
        return type.equals(EventTypes.REQUEST_WHISTLED.name()) || type.equals(EventTypes.DISPATCH_REPORTED_IN.name())
                || type.equals(EventTypes.DISPATCH_ANSWERED.name());
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
        runtime.startProcessInstanceByKey(PROCESS_KEY, whistled.requestId(), variables);
    }

    private void correlate(String type, String requestId, int round, String department, Map<String, Object> variables) {
        List<MessageCorrelationResult> results = runtime.createMessageCorrelation(type)
                .processInstanceBusinessKey(requestId)
                .processInstanceVariableEquals(ROUND, round)
                .localVariableEquals(DEPARTMENT, department)
                .setVariables(variables)
                .correlateAllWithResult();
        if (results.isEmpty()) {
            // the REST command checked the department's status first, so this is a replay of something applied
            LOG.warnf("%s for %s round %d (%s) found no waiting department", type, requestId, round, department);
        }
    }
}
