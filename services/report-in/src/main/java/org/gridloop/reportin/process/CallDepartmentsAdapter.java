package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EventTypes;
import org.gridloop.reportin.application.Limits;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import static org.gridloop.reportin.process.DispatchEventPublisher.requestId;
import static org.gridloop.reportin.process.DispatchEventPublisher.round;
import static org.gridloop.reportin.process.DispatchEventPublisher.string;

/**
 * 吹哨: applies the district fallback to the routing table's answer (or, in a reopened round, takes the previous
 * round's departments and roles), sets both time limits, hands the departments
 * to the multi-instance sub-process and announces who was called.
 */
@Named("callDepartmentsAdapter")
@ApplicationScoped
public class CallDepartmentsAdapter implements JavaDelegate {

    @Inject
    DispatchEventPublisher events;

    @Inject
    Limits limits;

    @Override
    public void execute(DelegateExecution execution) {
        String district = string(execution, ProcessVariables.DISTRICT);
        String previous = string(execution, ProcessVariables.PREVIOUS_DEPARTMENTS);
        Routing routing = previous != null && !previous.isBlank()
                ? Routing.previous(previous, string(execution, ProcessVariables.PREVIOUS_LIMIT_CLASS))
                : Routing.of(string(execution, ProcessVariables.ROUTED_LEAD),
                string(execution, ProcessVariables.ROUTED_CO_DEPARTMENTS),
                string(execution, ProcessVariables.ROUTED_LIMIT_CLASS), district);
        Instant now = Instant.now();
        Instant reportInDue = now.plus(limits.reportIn());
        Instant resolveDue = now.plus(limits.resolve(routing.limitClass()));
        List<String> departments = routing.departments();

        execution.setVariable(ProcessVariables.LIMIT_CLASS, routing.limitClass());
        execution.setVariable(ProcessVariables.REPORT_IN_DUE, Date.from(reportInDue));
        execution.setVariable(ProcessVariables.RESOLVE_DUE, Date.from(resolveDue));
        execution.setVariable(ProcessVariables.CALLED, routing.roles().entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")));
        // transient: the multi-instance body reads it once, right after this task, in this transaction
        execution.setVariable(ProcessVariables.DEPARTMENTS, Variables.objectValue(departments, true).create());

        List<DispatchEvents.CalledDepartment> called = routing.roles().entrySet().stream()
                .map(e -> new DispatchEvents.CalledDepartment(e.getKey(), e.getValue(), reportInDue, resolveDue))
                .toList();
        events.publish(execution, EventTypes.DISPATCH_STARTED, new DispatchEvents.Started(requestId(execution),
                round(execution), string(execution, ProcessVariables.CATEGORY),
                string(execution, ProcessVariables.GRID_CODE), district, routing.fallback(), called));
    }
}
