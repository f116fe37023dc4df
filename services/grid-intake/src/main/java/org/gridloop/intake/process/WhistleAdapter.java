package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import static org.gridloop.intake.process.RequestEventPublisher.location;
import static org.gridloop.intake.process.RequestEventPublisher.requestId;
import static org.gridloop.intake.process.RequestEventPublisher.round;
import static org.gridloop.intake.process.RequestEventPublisher.string;

/** 吹哨: calls the departments through report-in. */
@Named("whistleAdapter")
@ApplicationScoped
public class WhistleAdapter implements JavaDelegate {

    @Inject
    RequestEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        String reason = string(execution, ProcessVariables.WHISTLE_REASON);
        events.publish(execution, EventTypes.REQUEST_WHISTLED, new RequestEvents.Whistled(requestId(execution),
                round(execution), string(execution, ProcessVariables.CATEGORY),
                string(execution, ProcessVariables.DESCRIPTION), location(execution),
                string(execution, ProcessVariables.GRID_CODE), reason == null ? "routing rule" : reason));
    }
}
