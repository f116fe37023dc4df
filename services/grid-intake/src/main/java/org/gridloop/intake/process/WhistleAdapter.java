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

/**
 * 吹哨: calls the departments of the request's current round through report-in. The reason is the grid worker's
 * words when they blew the whistle, none when the routing rule called the departments directly (the pages word that).
 */
@Named("whistleAdapter")
@ApplicationScoped
public class WhistleAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;

    WhistleAdapter(ServiceRequests requests, ProcessEvents events) {
        this.requests = requests;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        String reason = ProcessEvents.string(execution, RequestProcess.WHISTLE_REASON);
        request.whistle();
        events.publish(request.id, EventTypes.REQUEST_WHISTLED, new RequestEvents.Whistled(request.id, request.round,
                request.category, request.description, new RequestEvents.Location(request.latitude,
                request.longitude, request.address), request.gridCode, reason));
    }
}
