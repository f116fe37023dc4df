package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EscalationEndReason;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.domain.SupervisorTask;
import org.gridloop.escalation.repository.Escalations;
import org.gridloop.escalation.repository.SupervisorTasks;
import org.gridloop.platform.process.ProcessEvents;

import java.time.Instant;

/**
 * The escalation is over, in the step that ended it: the supervisors decided (their task was closed as DECIDED by
 * the decision), the case moved on (RESOLVED), or it closed (CLOSED). A task still open is CLOSED.
 */
@Named("endEscalationAdapter")
@ApplicationScoped
public class EndEscalationAdapter implements JavaDelegate {

    private final Escalations escalations;
    private final SupervisorTasks tasks;
    private final ProcessEvents events;

    EndEscalationAdapter(Escalations escalations, SupervisorTasks tasks, ProcessEvents events) {
        this.escalations = escalations;
        this.tasks = tasks;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Escalation e = escalations.require(EscalationProcess.escalationId(execution));
        EscalationEndReason reason = EscalationProcess.endReason(execution);
        if (reason == null) {
            reason = EscalationEndReason.DECIDED;
        }
        Instant now = Instant.now();
        e.end(reason, now);
        tasks.closeOpen(e.id, SupervisorTask.CLOSED, now);
        events.publish(e.requestId, EventTypes.ESCALATION_ENDED, new EscalationEvents.Ended(e.requestId, e.id,
                reason));
    }
}
