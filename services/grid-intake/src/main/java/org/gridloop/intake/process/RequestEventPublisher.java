package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.application.RequestCommands;
import org.gridloop.platform.process.ProcessEventPublisher;

/** The resident-request process's adapters announce their steps as grid-intake; the request's place from the process. */
@ApplicationScoped
public class RequestEventPublisher extends ProcessEventPublisher {

    @Override
    protected String source() {
        return RequestCommands.SOURCE;
    }

    public static RequestEvents.Location location(DelegateExecution execution) {
        return new RequestEvents.Location(((Number) execution.getVariable(ProcessVariables.LATITUDE)).doubleValue(),
                ((Number) execution.getVariable(ProcessVariables.LONGITUDE)).doubleValue(),
                string(execution, ProcessVariables.ADDRESS));
    }
}
