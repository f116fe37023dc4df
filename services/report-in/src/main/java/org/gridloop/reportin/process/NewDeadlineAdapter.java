package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * 延期: a supervisor gave the department a new resolution limit (escalation NEW_DEADLINE). The department's
 * resolution timer is armed again with it when the department is back at its answer.
 */
@Named("newDeadlineAdapter")
@ApplicationScoped
public class NewDeadlineAdapter implements JavaDelegate {

    @Override
    public void execute(DelegateExecution execution) {
        Object deadline = execution.getVariable(ProcessVariables.NEW_DEADLINE);
        if (deadline != null) {
            execution.setVariable(ProcessVariables.RESOLVE_DUE, deadline);
        }
    }
}
