package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.CaseOutcome;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.process.ProcessEvents;

/**
 * 办结销号: the case is closed. The outcome says how: REJECTED and CLOSED_BY_ORDER by the element's
 * {@code outcome} input, otherwise UNSATISFIED after a last rating of 2 or less (no rework left), else RESOLVED.
 */
@Named("closeRequestAdapter")
@ApplicationScoped
public class CloseRequestAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;
    private final CaseDurations durations;

    CloseRequestAdapter(ServiceRequests requests, ProcessEvents events, CaseDurations durations) {
        this.requests = requests;
        this.events = events;
        this.durations = durations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        // set by the process where it closes otherwise than after feedback: REJECTED, CLOSED_BY_ORDER
        String ordered = ProcessEvents.string(execution, "outcome");
        CaseOutcome outcome = ordered == null ? null : CaseOutcome.valueOf(ordered);
        Integer rating = outcome == null ? request.rating : null;
        if (outcome == null) {
            outcome = rating != null && rating <= 2 ? CaseOutcome.UNSATISFIED : CaseOutcome.RESOLVED;
        }
        request.close(outcome);
        events.publish(request.id, EventTypes.REQUEST_CLOSED, new RequestEvents.Closed(request.id, outcome, rating));
        durations.closed(request);
    }
}
