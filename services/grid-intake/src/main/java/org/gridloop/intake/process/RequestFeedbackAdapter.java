package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import static org.gridloop.intake.process.RequestEventPublisher.requestId;
import static org.gridloop.intake.process.RequestEventPublisher.string;

/** 反馈: the work is done; the resident is asked to rate it. */
@Named("requestFeedbackAdapter")
@ApplicationScoped
public class RequestFeedbackAdapter implements JavaDelegate {

    @Inject
    RequestEventPublisher events;

    @Override
    public void execute(DelegateExecution execution) {
        String handledBy = "GRID".equals(string(execution, ProcessVariables.HANDLING)) ? "grid" : "departments";
        events.publish(execution, EventTypes.REQUEST_FEEDBACK_REQUESTED,
                new RequestEvents.FeedbackRequested(requestId(execution), handledBy));
    }
}
