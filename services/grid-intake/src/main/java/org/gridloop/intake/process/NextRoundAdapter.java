package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** A failed verification sends the case back to the same departments as a new dispatch round. */
@Named("nextRoundAdapter")
@ApplicationScoped
public class NextRoundAdapter implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(ProcessVariables.ROUND, RequestEventPublisher.round(execution) + 1);
        execution.setVariable(ProcessVariables.WHISTLE_REASON, "verification failed");
    }
}
