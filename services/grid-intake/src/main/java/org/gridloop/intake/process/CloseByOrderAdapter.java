package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import static org.gridloop.intake.process.RequestEventPublisher.requestId;

/** 督办结案: a supervisor of the escalation ladder ordered the case closed. */
@Named("closeByOrderAdapter")
@ApplicationScoped
public class CloseByOrderAdapter implements JavaDelegate {

    @Inject
    RequestEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        events.publish(execution, EventTypes.REQUEST_CLOSED,
                new RequestEvents.Closed(requestId(execution), "CLOSED_BY_ORDER", null));
    }
}
