package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.reportin.application.Limits;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.stream.Collectors;

import static org.gridloop.reportin.process.DispatchEventPublisher.instant;
import static org.gridloop.reportin.process.DispatchEventPublisher.string;

/**
 * 改派: the department's sub-process instance carries on for {@code toDepartment} (a dispute re-routed, or an
 * escalation reassigned): it takes the place and role in the called list and gets fresh limits counted from the
 * decision's time, exactly as the record does. The dispute-decided / escalation-decided event already announced it.
 */
@Named("rerouteDepartmentAdapter")
@ApplicationScoped
public class RerouteDepartmentAdapter implements JavaDelegate {

    @Inject
    Limits limits;

    @Override
    public void execute(DelegateExecution execution) {
        String from = string(execution, ProcessVariables.DEPARTMENT);
        String to = string(execution, ProcessVariables.TO_DEPARTMENT);
        Instant at = instant(execution, ProcessVariables.DECIDED_AT);
        if (at == null) {
            at = Instant.now();
        }
        String called = string(execution, ProcessVariables.CALLED);
        execution.setVariable(ProcessVariables.CALLED, Arrays.stream(called.split(","))
                .map(entry -> entry.startsWith(from + ":") ? to + entry.substring(from.length()) : entry)
                .collect(Collectors.joining(",")));
        // these are local to the department's sub-process instance: setVariable finds them there
        execution.setVariable(ProcessVariables.DEPARTMENT, to);
        execution.setVariable(ProcessVariables.REPORTED_IN, false);
        execution.setVariable(ProcessVariables.REPORT_IN_DUE, Date.from(at.plus(limits.reportIn())));
        execution.setVariable(ProcessVariables.RESOLVE_DUE,
                Date.from(at.plus(limits.resolve(string(execution, ProcessVariables.LIMIT_CLASS)))));
    }
}
