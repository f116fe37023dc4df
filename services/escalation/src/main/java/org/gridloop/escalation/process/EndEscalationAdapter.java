package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;

import static org.gridloop.escalation.process.EscalationEventPublisher.string;

/** The escalation is over: the supervisors decided, the case moved on (RESOLVED), or it closed. */
@Named("endEscalationAdapter")
@ApplicationScoped
public class EndEscalationAdapter implements JavaDelegate {

    @Inject
    EscalationEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        String reason = string(execution, EscalationVariables.END_REASON);
        events.publish(execution, EventTypes.ESCALATION_ENDED, new EscalationEvents.Ended(
                string(execution, EscalationVariables.REQUEST_ID), string(execution, EscalationVariables.ESCALATION_ID),
                reason == null ? "DECIDED" : reason));
    }
}
