package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.process.ProcessEvents;

/**
 * 反馈: the work is done; the resident is asked to rate it, and so is every reporter whose report was merged into this
 * case (重复诉求) and who has not rated yet: each rates on their own ({@code RequestCommands.rate}).
 */
@Named("requestFeedbackAdapter")
@ApplicationScoped
public class RequestFeedbackAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;

    RequestFeedbackAdapter(ServiceRequests requests, ProcessEvents events) {
        this.requests = requests;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        request.requestFeedback();
        String handledBy = "GRID".equals(ProcessEvents.string(execution, RequestProcess.HANDLING)) ? "grid"
                : "departments";
        events.publish(request.id, EventTypes.REQUEST_FEEDBACK_REQUESTED,
                new RequestEvents.FeedbackRequested(request.id, handledBy));
        for (String follower : requests.unratedFollowers(request.id)) {
            events.publish(follower, EventTypes.REQUEST_FEEDBACK_REQUESTED,
                    new RequestEvents.FeedbackRequested(follower, handledBy));
        }
    }
}
