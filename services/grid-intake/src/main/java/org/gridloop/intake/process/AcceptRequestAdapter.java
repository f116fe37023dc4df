package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import static org.gridloop.intake.process.RequestEventPublisher.requestId;
import static org.gridloop.intake.process.RequestEventPublisher.string;

/** 受理: the request passed validation and is classified; announce that the loop has taken it on. */
@Named("acceptRequestAdapter")
@ApplicationScoped
public class AcceptRequestAdapter implements JavaDelegate {

    @Inject
    RequestEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        events.publish(execution, EventTypes.REQUEST_ACCEPTED, new RequestEvents.Accepted(requestId(execution),
                string(execution, ProcessVariables.CATEGORY), string(execution, ProcessVariables.GRID_CODE)));
    }
}
