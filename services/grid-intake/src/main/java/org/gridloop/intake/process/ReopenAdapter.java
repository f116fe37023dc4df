package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import static org.gridloop.intake.process.RequestEventPublisher.requestId;

/**
 * 返工: the resident was unsatisfied; the case goes back to whoever handled it (the grid, or the departments in a
 * new round), and the resident will be asked again.
 */
@Named("reopenAdapter")
@ApplicationScoped
public class ReopenAdapter implements JavaDelegate {

    @Inject
    RequestEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        int rework = ((Number) execution.getVariable(ProcessVariables.REWORK_COUNT)).intValue() + 1;
        execution.setVariable(ProcessVariables.REWORK_COUNT, rework);
        execution.removeVariable(ProcessVariables.RATING);
        if (!"GRID".equals(RequestEventPublisher.string(execution, ProcessVariables.HANDLING))) {
            execution.setVariable(ProcessVariables.ROUND, RequestEventPublisher.round(execution) + 1);
            execution.setVariable(ProcessVariables.WHISTLE_REASON, "resident unsatisfied (返工)");
        }
        events.publish(execution, EventTypes.REQUEST_REOPENED,
                new RequestEvents.Reopened(requestId(execution), rework, "resident unsatisfied"));
    }
}
