package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import static org.gridloop.intake.process.RequestEventPublisher.requestId;

/** 办结销号: the case is closed; {@code outcome} says how. */
@Named("closeRequestAdapter")
@ApplicationScoped
public class CloseRequestAdapter implements JavaDelegate {

    @Inject
    RequestEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        Object rating = execution.getVariable(ProcessVariables.RATING);
        Integer value = rating == null ? null : ((Number) rating).intValue();
        String outcome = value != null && value <= 2 ? "UNSATISFIED" : "RESOLVED";
        events.publish(execution, EventTypes.REQUEST_CLOSED,
                new RequestEvents.Closed(requestId(execution), outcome, value));
    }
}
