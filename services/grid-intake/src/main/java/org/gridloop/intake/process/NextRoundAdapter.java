package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.process.ProcessEvents;

/** A failed verification sends the case back to the same departments as a new dispatch round. */
@Named("nextRoundAdapter")
@ApplicationScoped
public class NextRoundAdapter implements JavaDelegate {

    private final ServiceRequests requests;

    NextRoundAdapter(ServiceRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        requests.require(ProcessEvents.requestId(execution)).round++;
        execution.setVariable(RequestProcess.WHISTLE_REASON, Variables.stringValue("verification failed", true));
    }
}
