package org.gridloop.intake.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.camunda.bpm.engine.RuntimeService;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.platform.inbox.JdbcInbox;

import java.util.HashMap;
import java.util.Map;

import static org.gridloop.intake.process.ProcessVariables.*;

/**
 * Drives the resident-request process from events: the inbox row, the engine command and any event the process
 * emits on the way commit in one JTA transaction, so a repeat is skipped and a failure leaves nothing half done.
 */
@ApplicationScoped
public class ProcessEventHandler {

    static final String CONSUMER = "grid-intake.process";

    @Inject
    RuntimeService runtime;

    @Inject
    JdbcInbox inbox;

    @ConfigProperty(name = "gridloop.rework.max")
    int maxRework;

    @ConfigProperty(name = "gridloop.limits.grid-handling")
    java.time.Duration gridHandlingLimit;

    @ConfigProperty(name = "gridloop.limits.verification")
    java.time.Duration verificationLimit;

    @ConfigProperty(name = "gridloop.limits.feedback")
    java.time.Duration feedbackLimit;

    @Transactional
    public void handle(CloudEvent<?> event) {
        if (!wanted(event.type()) || !inbox.firstDelivery(CONSUMER, event)) {
            return;
        }
        Object data = event.data();
        if (data instanceof RequestEvents.Submitted submitted) {
            start(submitted);
        } else if (data instanceof RequestEvents.Rated rated) {
            correlate(event, rated.requestId(), Map.of(RATING, rated.rating()));
        } else if (data instanceof RequestEvents.HandledOnSite handled) {
            correlate(event, handled.requestId(), Map.of());
        } else if (data instanceof RequestEvents.WhistleBlown blown) {
            correlate(event, blown.requestId(), Map.of(WHISTLE_REASON, blown.reason()));
        } else if (data instanceof RequestEvents.Verified verified) {
            correlate(event, verified.requestId(), Map.of(VERIFICATION_PASSED, verified.passed()));
        } else if (data instanceof RequestEvents.Rejected rejected) {
            correlate(event, rejected.requestId(), Map.of());
        } else if (data instanceof EscalationEvents.Decided decided && "ORDER_CLOSING".equals(decided.decision())) {
            // the case may have closed on its own meanwhile: then there is nothing left to close
            runtime.createMessageCorrelation(event.type()).processInstanceBusinessKey(decided.requestId())
                    .correlateAll();
        } else if (data instanceof DispatchEvents.Resolved resolved) {
            correlate(event, resolved.requestId(), Map.of("answeredRound", resolved.round()));
        }
    }

    private static final java.util.Set<String> WANTED = java.util.Set.of(EventTypes.REQUEST_SUBMITTED.name(),
            EventTypes.REQUEST_RATED.name(), EventTypes.REQUEST_HANDLED_ON_SITE.name(),
            EventTypes.REQUEST_WHISTLE_BLOWN.name(), EventTypes.REQUEST_VERIFIED.name(),
            EventTypes.REQUEST_REJECTED.name(), EventTypes.DISPATCH_RESOLVED.name(),
            EventTypes.ESCALATION_DECIDED.name());

    static boolean wanted(String type) {
        return WANTED.contains(type);
    }

    private void start(RequestEvents.Submitted submitted) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(REQUEST_ID, submitted.requestId());
        variables.put(CATEGORY, submitted.category());
        variables.put(SOURCE, submitted.source());
        variables.put(DESCRIPTION, submitted.description());
        variables.put(LATITUDE, submitted.location().latitude());
        variables.put(LONGITUDE, submitted.location().longitude());
        variables.put(ADDRESS, submitted.location().address());
        variables.put(GRID_CODE, submitted.gridCode());
        variables.put(ROUND, 1);
        variables.put(REWORK_COUNT, 0);
        variables.put(MAX_REWORK, maxRework);
        variables.put(GRID_HANDLING_LIMIT, gridHandlingLimit.toString());
        variables.put(VERIFICATION_LIMIT, verificationLimit.toString());
        variables.put(FEEDBACK_LIMIT, feedbackLimit.toString());
        runtime.startProcessInstanceByKey(PROCESS_KEY, submitted.requestId(), variables);
    }

    private void correlate(CloudEvent<?> event, String requestId, Map<String, Object> variables) {
        runtime.createMessageCorrelation(event.type())
                .processInstanceBusinessKey(requestId)
                .setVariables(variables)
                .correlate();
    }
}
