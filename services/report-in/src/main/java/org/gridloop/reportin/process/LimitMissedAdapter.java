package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.DispatchLimit;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.process.ProcessEvents;
import org.gridloop.reportin.application.Limits;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.repository.Assignments;
import org.gridloop.reportin.repository.Departments;
import org.gridloop.reportin.repository.Dispatches;

import java.time.Instant;

/**
 * A department let a limit pass (the timers are non-interrupting: it still has to report in and answer).
 * {@code limit} comes from the task's input parameter: REPORT_IN, RESOLUTION or DISPUTE_DECISION (a supervisor let a
 * jurisdiction dispute wait; escalation turns it into DISPUTE_UNDECIDED). Escalation decides what follows. A timer
 * armed again for a due already announced (a branch resumed after a confirmed dispute) announces nothing. The event
 * names the department's unit from the directory (a district's, or the city's), so that the level that can command
 * the department takes the stall.
 */
@Named("limitMissedAdapter")
@ApplicationScoped
public class LimitMissedAdapter implements JavaDelegate {

    private final Dispatches dispatches;
    private final Assignments assignments;
    private final Departments departments;
    private final Limits limits;
    private final ProcessEvents events;

    LimitMissedAdapter(Dispatches dispatches, Assignments assignments, Departments departments, Limits limits,
                       ProcessEvents events) {
        this.dispatches = dispatches;
        this.assignments = assignments;
        this.departments = departments;
        this.limits = limits;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DispatchLimit limit = DispatchLimit.valueOf(ProcessEvents.string(execution, "limit"));
        String requestId = ProcessEvents.requestId(execution);
        int round = ((Number) execution.getVariable(DispatchProcess.ROUND)).intValue();
        String department = ProcessEvents.string(execution, DispatchProcess.DEPARTMENT);
        DepartmentAssignment assignment = assignments.require(DepartmentAssignment.id(requestId, round, department));
        Instant due;
        switch (limit) {
            case REPORT_IN -> {
                if (assignment.reportInMissed) {
                    return;
                }
                assignment.reportInMissed = true;
                due = assignment.reportInDue;
            }
            case RESOLUTION -> {
                if (assignment.resolutionMissed) {
                    return;
                }
                assignment.resolutionMissed = true;
                due = assignment.resolveDue;
            }
            default -> due = assignment.disputedAt == null ? Instant.now()
                    : limits.disputeDecisionDue(assignment.disputedAt);
        }
        Dispatch dispatch = dispatches.read(Dispatch.id(requestId, round));
        events.publish(requestId, EventTypes.DISPATCH_LIMIT_MISSED,
                new DispatchEvents.LimitMissed(requestId, round, department, limit, due, dispatch.gridCode,
                        departments.unitOf(department).orElse(null)));
    }
}
