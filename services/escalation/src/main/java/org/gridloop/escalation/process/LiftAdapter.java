package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.domain.SupervisorTask;
import org.gridloop.escalation.repository.Escalations;
import org.gridloop.escalation.repository.SupervisorTasks;
import org.gridloop.platform.process.ProcessEvents;

import java.time.Instant;

/**
 * Unanswered by the level's due time (the timer's step): the case climbs one level — the level's task is LIFTED,
 * the next level's opens, and {@code escalation.lifted} says so. The process never lifts above the city.
 */
@Named("liftAdapter")
@ApplicationScoped
public class LiftAdapter implements JavaDelegate {

    private final Escalations escalations;
    private final SupervisorTasks tasks;
    private final LevelLimits limits;
    private final ProcessEvents events;

    LiftAdapter(Escalations escalations, SupervisorTasks tasks, LevelLimits limits, ProcessEvents events) {
        this.escalations = escalations;
        this.tasks = tasks;
        this.limits = limits;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Escalation e = escalations.require(EscalationProcess.escalationId(execution));
        UnitCodes.Level from = e.currentLevel();
        UnitCodes.Level level = UnitCodes.above(from);
        if (level == null) {
            throw new IllegalStateException("cannot lift " + e.id + " above the city");
        }
        String unit = UnitCodes.unitAt(e.gridCode, level);
        Instant now = Instant.now();
        Instant due = limits.dueAt(level, now);
        tasks.closeOpen(e.id, SupervisorTask.LIFTED, now);
        tasks.open(e.id, level, unit, now, due);
        e.reach(level, unit, due);
        events.publish(e.requestId, EventTypes.ESCALATION_LIFTED, new EscalationEvents.Lifted(e.requestId, e.id,
                from.name(), level.name(), unit, due));
    }
}
