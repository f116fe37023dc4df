package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import static org.gridloop.intake.process.RequestEventPublisher.requestId;

/** 不予受理: the grid rejected the request with a reason; the case is closed as rejected. */
@Named("closeRejectedAdapter")
@ApplicationScoped
public class CloseRejectedAdapter implements JavaDelegate {

    @Inject
    RequestEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        events.publish(execution, EventTypes.REQUEST_CLOSED,
                new RequestEvents.Closed(requestId(execution), "REJECTED", null));
    }
}
