package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import static org.gridloop.intake.process.RequestEventPublisher.requestId;
import static org.gridloop.intake.process.RequestEventPublisher.round;
import static org.gridloop.intake.process.RequestEventPublisher.string;

/** 核查: the departments answered; a grid worker checks on site before the resident is asked. */
@Named("requestVerificationAdapter")
@ApplicationScoped
public class RequestVerificationAdapter implements JavaDelegate {

    @Inject
    RequestEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        events.publish(execution, EventTypes.REQUEST_VERIFICATION_REQUESTED, new RequestEvents.VerificationRequested(
                requestId(execution), round(execution), string(execution, ProcessVariables.GRID_CODE)));
    }
}
