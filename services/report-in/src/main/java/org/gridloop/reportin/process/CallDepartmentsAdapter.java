package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.platform.process.ProcessEvents;
import org.gridloop.reportin.application.Limits;
import org.gridloop.reportin.domain.DepartmentAssignment;
import org.gridloop.reportin.domain.Dispatch;
import org.gridloop.reportin.repository.Assignments;
import org.gridloop.reportin.repository.Dispatches;

import java.time.Instant;
import java.util.List;

/**
 * 吹哨: applies the district fallback to the routing table's answer (or, in a reopened round, takes the previous
 * round's departments and roles), calls each department — its assignment with both limits — hands them to the
 * multi-instance sub-process and announces who was called.
 */
@Named("callDepartmentsAdapter")
@ApplicationScoped
public class CallDepartmentsAdapter implements JavaDelegate {

    private final Dispatches dispatches;
    private final Assignments assignments;
    private final Limits limits;
    private final ProcessEvents events;

    CallDepartmentsAdapter(Dispatches dispatches, Assignments assignments, Limits limits, ProcessEvents events) {
        this.dispatches = dispatches;
        this.assignments = assignments;
        this.limits = limits;
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String requestId = ProcessEvents.requestId(execution);
        int round = ((Number) execution.getVariable(DispatchProcess.ROUND)).intValue();
        Dispatch dispatch = dispatches.require(Dispatch.id(requestId, round));
        String previous = ProcessEvents.string(execution, DispatchProcess.PREVIOUS_DEPARTMENTS);
        Routing routing = previous != null && !previous.isBlank()
                ? Routing.previous(previous, ProcessEvents.string(execution, DispatchProcess.PREVIOUS_LIMIT_CLASS))
                : Routing.of(ProcessEvents.string(execution, DispatchProcess.ROUTED_LEAD),
                ProcessEvents.string(execution, DispatchProcess.ROUTED_CO_DEPARTMENTS),
                ProcessEvents.string(execution, DispatchProcess.ROUTED_LIMIT_CLASS), dispatch.district);
        if (previous == null || previous.isBlank()) {
            // the table's limits for the category (a reopened round keeps the previous round's, copied on opening)
            dispatch.reportInLimit = limits.fromTable(ProcessEvents.string(execution,
                    DispatchProcess.ROUTED_REPORT_IN_LIMIT));
            dispatch.resolveLimit = limits.fromTable(ProcessEvents.string(execution,
                    DispatchProcess.ROUTED_RESOLVE_LIMIT));
        }
        dispatch.fallback = routing.fallback();
        dispatch.limitClass = routing.limitClass();
        Instant now = Instant.now();
        Instant reportInDue = limits.reportInDue(dispatch, now);
        Instant resolveDue = limits.resolveDue(dispatch, now);
        routing.roles().forEach((department, role) -> assignments.add(DepartmentAssignment.called(requestId, round,
                department, role, reportInDue, resolveDue)));
        // transient: the multi-instance body reads it once, right after this task, in this transaction
        execution.setVariable(DispatchProcess.DEPARTMENTS,
                Variables.objectValue(routing.departments(), true).create());
        List<DispatchEvents.CalledDepartment> called = routing.roles().entrySet().stream()
                .map(e -> new DispatchEvents.CalledDepartment(e.getKey(), e.getValue(), reportInDue, resolveDue))
                .toList();
        events.publish(requestId, EventTypes.DISPATCH_STARTED, new DispatchEvents.Started(requestId, round,
                dispatch.category, dispatch.gridCode, dispatch.district, routing.fallback(), called));
    }
}
