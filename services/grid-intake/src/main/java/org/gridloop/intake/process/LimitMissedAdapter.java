package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import java.time.Instant;
import java.util.Map;

import static org.gridloop.intake.process.RequestEventPublisher.requestId;
import static org.gridloop.intake.process.RequestEventPublisher.string;

/** A time limit of grid-intake's own stages passed: announce it; escalation decides what follows. */
@Named("limitMissedAdapter")
@ApplicationScoped
public class LimitMissedAdapter implements JavaDelegate {

    /** Which stage each limit task stands for, by its id in resident-request.bpmn. */
    static final Map<String, String> STAGES = Map.of(
            "ServiceTask_GridLimitMissed", "GRID_HANDLING",
            "ServiceTask_VerificationLimitMissed", "VERIFICATION",
            "ServiceTask_FeedbackLimitMissed", "FEEDBACK");

    @Inject
    RequestEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        String stage = STAGES.get(execution.getCurrentActivityId());
        if (stage == null) {
            throw new IllegalStateException("no limit stage for " + execution.getCurrentActivityId());
        }
        events.publish(execution, EventTypes.REQUEST_LIMIT_MISSED, new RequestEvents.LimitMissed(requestId(execution),
                stage, string(execution, ProcessVariables.GRID_CODE), Instant.now()));
    }
}
