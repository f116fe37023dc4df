package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;

import static org.gridloop.reportin.process.DispatchEventPublisher.instant;
import static org.gridloop.reportin.process.DispatchEventPublisher.requestId;
import static org.gridloop.reportin.process.DispatchEventPublisher.round;
import static org.gridloop.reportin.process.DispatchEventPublisher.string;

/**
 * A department let a limit pass (the timers are non-interrupting: it still has to report in and answer).
 * {@code limit} comes from the task's input parameter: REPORT_IN or RESOLUTION. Escalation decides what follows.
 */
@Named("limitMissedAdapter")
@ApplicationScoped
public class LimitMissedAdapter implements JavaDelegate {

    public static final String REPORT_IN = "REPORT_IN";
    public static final String RESOLUTION = "RESOLUTION";

    @Inject
    DispatchEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        String limit = string(execution, ProcessVariables.LIMIT);
        String due = REPORT_IN.equals(limit) ? ProcessVariables.REPORT_IN_DUE : ProcessVariables.RESOLVE_DUE;
        events.publish(execution, EventTypes.DISPATCH_LIMIT_MISSED, new DispatchEvents.LimitMissed(
                requestId(execution), round(execution), string(execution, ProcessVariables.DEPARTMENT), limit,
                instant(execution, due)));
    }
}
