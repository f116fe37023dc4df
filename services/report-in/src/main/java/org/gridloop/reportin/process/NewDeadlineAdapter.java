package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.platform.process.ProcessEvents;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.repository.Assignments;

import java.util.Date;

/**
 * 延期: a supervisor gave the department a new resolution limit (escalation NEW_DEADLINE). Its resolution timer is
 * armed again from the record when the branch is back at the answer.
 */
@Named("newDeadlineAdapter")
@ApplicationScoped
public class NewDeadlineAdapter implements JavaDelegate {

    private final Assignments assignments;

    NewDeadlineAdapter(Assignments assignments) {
        this.assignments = assignments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (execution.getVariable(DispatchProcess.NEW_DEADLINE) instanceof Date deadline) {
            assignments.require(DepartmentAssignment.id(ProcessEvents.requestId(execution),
                    ((Number) execution.getVariable(DispatchProcess.ROUND)).intValue(),
                    ProcessEvents.string(execution, DispatchProcess.DEPARTMENT))).newDeadline(deadline.toInstant());
        }
    }
}
