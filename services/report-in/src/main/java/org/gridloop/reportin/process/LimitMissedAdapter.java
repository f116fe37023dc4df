package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;

import java.time.Instant;
import java.util.Date;

import static org.gridloop.reportin.process.DispatchEventPublisher.instant;
import static org.gridloop.reportin.process.DispatchEventPublisher.requestId;
import static org.gridloop.reportin.process.DispatchEventPublisher.round;
import static org.gridloop.reportin.process.DispatchEventPublisher.string;

/**
 * A department let a limit pass (the timers are non-interrupting: it still has to report in and answer).
 * {@code limit} comes from the task's input parameter: REPORT_IN, RESOLUTION or DISPUTE_DECISION (a supervisor
 * let a jurisdiction dispute wait; escalation turns it into DISPUTE_UNDECIDED). Escalation decides what follows.
 */
@Named("limitMissedAdapter")
@ApplicationScoped
public class LimitMissedAdapter implements JavaDelegate {

    public static final String REPORT_IN = "REPORT_IN";
    public static final String RESOLUTION = "RESOLUTION";
    public static final String DISPUTE_DECISION = "DISPUTE_DECISION";

    @Inject
    DispatchEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        String limit = string(execution, ProcessVariables.LIMIT);
        String dueVariable = switch (limit) {
            case REPORT_IN -> ProcessVariables.REPORT_IN_DUE;
            case DISPUTE_DECISION -> ProcessVariables.DISPUTE_DECISION_DUE;
            default -> ProcessVariables.RESOLVE_DUE;
        };
        Instant due = instant(execution, dueVariable);
        // a wait entered again (after a confirmed dispute, say) re-arms its timer with a due already announced
        if (due != null && due.equals(instant(execution, ProcessVariables.announced(limit)))) {
            return;
        }
        execution.setVariable(ProcessVariables.announced(limit), Date.from(due == null ? Instant.now() : due));
        events.publish(execution, EventTypes.DISPATCH_LIMIT_MISSED, new DispatchEvents.LimitMissed(
                requestId(execution), round(execution), string(execution, ProcessVariables.DEPARTMENT), limit, due,
                string(execution, ProcessVariables.GRID_CODE)));
    }
}
