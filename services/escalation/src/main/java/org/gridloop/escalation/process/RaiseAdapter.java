package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.repository.Escalations;
import org.gridloop.escalation.repository.SupervisorTasks;
import org.gridloop.platform.process.ProcessEvents;

import java.time.Instant;

/**
 * 上提一级: the level the entry-level decision chose ({@code escalation-entry.dmn}: the community for the grid's own
 * stages, the level that can command a stalled district or city department, the level above a supervisor who raised
 * it on purpose) gets the case: the escalation record is at that level, its supervisors have a task with the level's
 * limit, and {@code escalation.raised} says so (with who raised it on purpose and why), all in the step that opened
 * the escalation.
 */
@Named("raiseAdapter")
@ApplicationScoped
public class RaiseAdapter implements JavaDelegate {

    private final Escalations escalations;
    private final SupervisorTasks tasks;
    private final LevelLimits limits;
    private final ProcessEvents events;

    RaiseAdapter(Escalations escalations, SupervisorTasks tasks, LevelLimits limits, ProcessEvents events) {
        this.escalations = escalations;
        this.tasks = tasks;
        this.limits = limits;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Escalation e = escalations.require(EscalationProcess.escalationId(execution));
        UnitCodes.Level level = EscalationProcess.takeEntryLevel(execution);
        if (level == UnitCodes.Level.GRID) {
            throw new IllegalStateException("escalation-entry.dmn answered GRID for " + e.id + ": not a level of "
                    + "the ladder");
        }
        String unit = UnitCodes.unitAt(e.gridCode, level);
        Instant now = Instant.now();
        Instant due = limits.dueAt(level, now);
        e.reach(level, unit, due);
        tasks.open(e.id, level, unit, now, due);
        events.publish(e.requestId, EventTypes.ESCALATION_RAISED, new EscalationEvents.Raised(e.requestId, e.id,
                e.trigger, e.department, e.gridCode, level.name(), unit, due, e.raisedBy, e.raiseNote));
    }
}
