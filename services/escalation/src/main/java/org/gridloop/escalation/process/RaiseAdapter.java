package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.UnitCodes;

import java.time.Instant;
import java.util.Date;

import static org.gridloop.escalation.process.EscalationEventPublisher.string;

/** 上提一级: the first level above the grid, the community, gets the case and a supervisor task with its limit. */
@Named("raiseAdapter")
@ApplicationScoped
public class RaiseAdapter implements JavaDelegate {

    @Inject
    EscalationEventPublisher events;

    @Inject
    LevelLimits limits;

    @Override
    public void execute(DelegateExecution execution) {
        UnitCodes.Level level = UnitCodes.Level.COMMUNITY;
        String grid = string(execution, EscalationVariables.GRID_CODE);
        String unit = UnitCodes.unitAt(grid, level);
        Instant due = Instant.now().plus(limits.of(level));
        execution.setVariable(EscalationVariables.LEVEL, level.name());
        execution.setVariable(EscalationVariables.UNIT, unit);
        execution.setVariable(EscalationVariables.LEVEL_DUE, Date.from(due));
        events.publish(execution, EventTypes.ESCALATION_RAISED, new EscalationEvents.Raised(
                string(execution, EscalationVariables.REQUEST_ID), string(execution, EscalationVariables.ESCALATION_ID),
                string(execution, EscalationVariables.TRIGGER), string(execution, EscalationVariables.DEPARTMENT),
                grid, level.name(), unit, due));
    }
}
