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

/** 核查: the departments answered; a grid worker checks on site before the resident is asked. */
@Named("requestVerificationAdapter")
@ApplicationScoped
public class RequestVerificationAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;
    private final IntakeLimits limits;

    RequestVerificationAdapter(ServiceRequests requests, ProcessEvents events, IntakeLimits limits) {
        this.requests = requests;
        this.events = events;
        this.limits = limits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        // the verification limit's timer, set right after this task, reads the same due time in this step
        request.requestVerification(limits.dueOf(IntakeLimits.Stage.VERIFICATION));
        events.publish(request.id, EventTypes.REQUEST_VERIFICATION_REQUESTED,
                new RequestEvents.VerificationRequested(request.id, request.round, request.gridCode));
    }
}
