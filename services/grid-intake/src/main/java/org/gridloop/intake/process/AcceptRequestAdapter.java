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

/** 受理: the request passed validation and is classified; the loop has taken it on. */
@Named("acceptRequestAdapter")
@ApplicationScoped
public class AcceptRequestAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;

    AcceptRequestAdapter(ServiceRequests requests, ProcessEvents events) {
        this.requests = requests;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        request.accept();
        events.publish(request.id, EventTypes.REQUEST_ACCEPTED,
                new RequestEvents.Accepted(request.id, request.category, request.gridCode));
    }
}
