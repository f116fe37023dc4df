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
 * 回访: the feedback limit passed without a rating. The case becomes a task of its grid (call the resident back and
 * record the answer, or that nobody could be reached), due within the return-visit limit; the resident may still rate.
 * Not a missed limit: a missing rating is never escalated.
 */
@Named("returnVisitAdapter")
@ApplicationScoped
public class ReturnVisitAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;
    private final IntakeLimits limits;

    ReturnVisitAdapter(ServiceRequests requests, ProcessEvents events, IntakeLimits limits) {
        this.requests = requests;
        this.events = events;
        this.limits = limits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        Instant due = limits.dueOf(IntakeLimits.Stage.RETURN_VISIT);
        request.requestReturnVisit(due);
        events.publish(request.id, EventTypes.REQUEST_RETURN_VISIT_REQUESTED, new RequestEvents.ReturnVisitRequested(
                request.id, request.gridCode, due));
    }
}
