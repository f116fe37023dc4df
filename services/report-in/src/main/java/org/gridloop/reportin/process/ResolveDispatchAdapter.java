package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.process.ProcessEvents;
import org.gridloop.reportin.application.RoundAnswers;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.repository.Assignments;
import org.gridloop.reportin.repository.Dispatches;

import java.time.Instant;

/** 办结 of a round: every called department answered; the answers (lead first) go back to grid-intake. */
@Named("resolveDispatchAdapter")
@ApplicationScoped
public class ResolveDispatchAdapter implements JavaDelegate {

    private final Dispatches dispatches;
    private final Assignments assignments;
    private final ProcessEvents events;

    ResolveDispatchAdapter(Dispatches dispatches, Assignments assignments, ProcessEvents events) {
        this.dispatches = dispatches;
        this.assignments = assignments;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = ProcessEvents.requestId(execution);
        int round = ((Number) execution.getVariable(DispatchProcess.ROUND)).intValue();
        Dispatch dispatch = dispatches.require(Dispatch.id(requestId, round));
        if (!dispatch.resolve(Instant.now())) {
            return; // closed by order meanwhile: resolved (and announced) already
        }
        events.publish(requestId, EventTypes.DISPATCH_RESOLVED, new DispatchEvents.Resolved(requestId, round,
                RoundAnswers.answersSoFar(assignments.ofRound(requestId, round), null)));
    }
}
