package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.LimitStage;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.process.ProcessEvents;

import java.time.Instant;
import java.util.Map;

/** A time limit of grid-intake's own stages passed: announce it; escalation decides what follows. */
@Named("limitMissedAdapter")
@ApplicationScoped
public class LimitMissedAdapter implements JavaDelegate {

    /** Which stage each limit task stands for, by its id in resident-request.bpmn. */
    static final Map<String, LimitStage> STAGES = Map.of(
            "ServiceTask_AcceptanceLimitMissed", LimitStage.ACCEPTANCE,
            "ServiceTask_GridLimitMissed", LimitStage.GRID_HANDLING,
            "ServiceTask_VerificationLimitMissed", LimitStage.VERIFICATION,
            "ServiceTask_DecisionLimitMissed", LimitStage.CALLER_DECISION,
            "ServiceTask_ReturnVisitLimitMissed", LimitStage.RETURN_VISIT);

    private final ServiceRequests requests;
    private final ProcessEvents events;

    LimitMissedAdapter(ServiceRequests requests, ProcessEvents events) {
        this.requests = requests;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LimitStage stage = STAGES.get(execution.getCurrentActivityId());
        if (stage == null) {
            throw new IllegalStateException("no limit stage for " + execution.getCurrentActivityId());
        }
        // read, not locked: a timer changes nothing on the record, and must not queue behind a person's step
        ServiceRequest request = requests.read(ProcessEvents.requestId(execution));
        events.publish(request.id, EventTypes.REQUEST_LIMIT_MISSED,
                new RequestEvents.LimitMissed(request.id, stage, request.gridCode, Instant.now()));
    }
}
