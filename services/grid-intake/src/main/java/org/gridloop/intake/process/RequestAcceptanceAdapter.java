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
 * 待受理: the routing table says a person accepts this report (an unclassified one, say): a grid worker of its grid
 * accepts or rejects it by the acceptance limit's due time, which the limit's timer, right after this task, reads in
 * the same step.
 */
@Named("requestAcceptanceAdapter")
@ApplicationScoped
public class RequestAcceptanceAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;
    private final IntakeLimits limits;

    RequestAcceptanceAdapter(ServiceRequests requests, ProcessEvents events, IntakeLimits limits) {
        this.requests = requests;
        this.events = events;
        this.limits = limits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        Instant due = limits.dueOf(IntakeLimits.Stage.ACCEPTANCE, execution);
        request.awaitAcceptance(due);
        events.publish(request.id, EventTypes.REQUEST_ACCEPTANCE_REQUESTED, new RequestEvents.AcceptanceRequested(
                request.id, request.gridCode, request.category, due));
    }
}
