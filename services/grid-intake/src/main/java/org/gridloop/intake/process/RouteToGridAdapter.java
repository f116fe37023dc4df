package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;

import java.time.Duration;
import java.time.Instant;

import static org.gridloop.intake.process.RequestEventPublisher.requestId;
import static org.gridloop.intake.process.RequestEventPublisher.string;

/** 分流 to the grid: its workers see it in their task list. */
@Named("routeToGridAdapter")
@ApplicationScoped
public class RouteToGridAdapter implements JavaDelegate {

    @Inject
    RequestEventPublisher events;

    @ConfigProperty(name = "gridloop.limits.grid-handling")
    Duration handlingLimit;

    @Override
    public void execute(DelegateExecution execution) {
        events.publish(execution, EventTypes.REQUEST_ROUTED_TO_GRID, new RequestEvents.RoutedToGrid(
                requestId(execution), string(execution, ProcessVariables.GRID_CODE), Instant.now().plus(handlingLimit)));
    }
}
