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

/** Unanswered by the level's due time: the case climbs one level (the process never lifts above the city). */
@Named("liftAdapter")
@ApplicationScoped
public class LiftAdapter implements JavaDelegate {

    @Inject
    EscalationEventPublisher events;

    @Inject
    LevelLimits limits;

    @Override
    public void execute(DelegateExecution execution) {
        UnitCodes.Level from = UnitCodes.Level.valueOf(string(execution, EscalationVariables.LEVEL));
        UnitCodes.Level level = UnitCodes.above(from);
        if (level == null) {
            throw new IllegalStateException("cannot lift above the city");
        }
        String unit = UnitCodes.unitAt(string(execution, EscalationVariables.GRID_CODE), level);
        Instant due = Instant.now().plus(limits.of(level));
        execution.setVariable(EscalationVariables.LEVEL, level.name());
        execution.setVariable(EscalationVariables.UNIT, unit);
        execution.setVariable(EscalationVariables.LEVEL_DUE, Date.from(due));
        events.publish(execution, EventTypes.ESCALATION_LIFTED, new EscalationEvents.Lifted(
                string(execution, EscalationVariables.REQUEST_ID), string(execution, EscalationVariables.ESCALATION_ID),
                from.name(), level.name(), unit, due));
    }
}
