package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.platform.process.ProcessEvents;
import org.gridloop.reportin.application.Limits;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.repository.Assignments;
import org.gridloop.reportin.repository.Dispatches;

import java.time.Instant;
import java.util.Date;

/**
 * 改派: the department's branch carries on for {@code toDepartment} (a dispute re-routed, or an escalation
 * reassigned). The department's assignment ends as REROUTED and the new one is called in its place, same role,
 * fresh limits counted from the decision's time. The dispute-decided / escalation-decided event announced it.
 */
@Named("rerouteDepartmentAdapter")
@ApplicationScoped
public class RerouteDepartmentAdapter implements JavaDelegate {

    private final Dispatches dispatches;
    private final Assignments assignments;
    private final Limits limits;

    RerouteDepartmentAdapter(Dispatches dispatches, Assignments assignments, Limits limits) {
        this.dispatches = dispatches;
        this.assignments = assignments;
        this.limits = limits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = ProcessEvents.requestId(execution);
        int round = ((Number) execution.getVariable(DispatchProcess.ROUND)).intValue();
        String from = ProcessEvents.string(execution, DispatchProcess.DEPARTMENT);
        String to = ProcessEvents.string(execution, DispatchProcess.TO_DEPARTMENT);
        Object decidedAt = execution.getVariable(DispatchProcess.DECIDED_AT);
        Instant at = decidedAt instanceof Date date ? date.toInstant() : Instant.now();
        Dispatch dispatch = dispatches.require(Dispatch.id(requestId, round));
        DepartmentAssignment old = assignments.require(DepartmentAssignment.id(requestId, round, from));
        old.reroute();
        assignments.add(DepartmentAssignment.called(requestId, round, to, old.role, limits.reportInDue(dispatch, at),
                limits.resolveDue(dispatch, at)));
        // local to the department's sub-process instance: setVariable finds it there
        execution.setVariable(DispatchProcess.DEPARTMENT, to);
    }
}
