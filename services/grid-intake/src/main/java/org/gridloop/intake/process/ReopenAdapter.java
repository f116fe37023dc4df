package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.process.ProcessEvents;

/**
 * 返工: the resident was unsatisfied; the case goes back to whoever handled it (the grid, or the departments in a
 * new round), and the resident will be asked again.
 */
@Named("reopenAdapter")
@ApplicationScoped
public class ReopenAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;

    ReopenAdapter(ServiceRequests requests, ProcessEvents events) {
        this.requests = requests;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        int rework = request.reworkCount + 1;
        request.reopen(rework);
        execution.setVariable(RequestProcess.REWORK_COUNT, rework);
        // the departments' round the resident rejected, counted against them in escalation's evaluation: the
        // current round when its answer was verified on site (the resident rated the departments' work), else none
        // (the grid handled it); wherever the rework goes next
        Integer rejectedRound = request.verifiedRound != null && request.verifiedRound == request.round
                ? request.round : null;
        if (!"GRID".equals(ProcessEvents.string(execution, RequestProcess.HANDLING))) {
            request.round++;
            execution.setVariable(RequestProcess.WHISTLE_REASON,
                    Variables.stringValue("resident unsatisfied (返工)", true));
        }
        events.publish(request.id, EventTypes.REQUEST_REOPENED,
                new RequestEvents.Reopened(request.id, rework, "resident unsatisfied", rejectedRound));
    }
}
