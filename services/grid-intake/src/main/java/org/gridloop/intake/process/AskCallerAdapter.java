package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.process.ProcessEvents;

import java.time.Instant;


/**
 * A department answered PARTLY or CANNOT_FIX: instead of verifying, the caller (the grid that whistled) decides what
 * follows — verify anyway, another round of the departments, or close as not solvable with an explanation — within
 * the caller-decision limit. The grid may also raise the case one level (上提一级) meanwhile.
 */
@Named("askCallerAdapter")
@ApplicationScoped
public class AskCallerAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;
    private final IntakeLimits limits;

    AskCallerAdapter(ServiceRequests requests, ProcessEvents events, IntakeLimits limits) {
        this.requests = requests;
        this.events = events;
        this.limits = limits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        Instant due = limits.dueOf(IntakeLimits.Stage.CALLER_DECISION);
        request.awaitDecision(due);
        events.publish(request.id, EventTypes.REQUEST_DECISION_REQUESTED, new RequestEvents.DecisionRequested(
                request.id, request.gridCode, request.round, due));
    }
}
