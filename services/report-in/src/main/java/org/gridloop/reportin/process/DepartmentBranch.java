package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.platform.process.ProcessEvents;
import org.gridloop.reportin.application.Limits;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.repository.Assignments;

import java.util.Date;

/**
 * What a department's branch of the dispatch process reads from the department's assignment record
 * ({@code ${departmentBranch.resolveDue(execution)}}): its due times and whether it reported in. The record is the
 * one truth: the process keeps no copy of it.
 */
@Named("departmentBranch")
@ApplicationScoped
public class DepartmentBranch {

    private final Assignments assignments;
    private final Limits limits;

    DepartmentBranch(Assignments assignments, Limits limits) {
        this.assignments = assignments;
        this.limits = limits;
    }

    public Date reportInDue(DelegateExecution execution) {
        return Date.from(of(execution).reportInDue);
    }

    public Date resolveDue(DelegateExecution execution) {
        return Date.from(of(execution).resolveDue);
    }

    /** A dispute waits for a supervisor's decision this long after it was raised. */
    public Date disputeDecisionDue(DelegateExecution execution) {
        DepartmentAssignment a = of(execution);
        return Date.from(limits.disputeDecisionDue(a.disputedAt == null ? java.time.Instant.now() : a.disputedAt));
    }

    public boolean reportedIn(DelegateExecution execution) {
        return of(execution).reportedInAt != null;
    }

    DepartmentAssignment of(DelegateExecution execution) {
        return assignments.read(DepartmentAssignment.id(ProcessEvents.requestId(execution),
                ((Number) execution.getVariable(DispatchProcess.ROUND)).intValue(),
                ProcessEvents.string(execution, DispatchProcess.DEPARTMENT)));
    }
}
