package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.RequestEvents;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.repository.ServiceRequests;
import org.gridloop.platform.process.ProcessEvents;

import java.time.Instant;


/** 分流 to the grid: its workers see it in their task list (after a rework, as a fresh task). */
@Named("routeToGridAdapter")
@ApplicationScoped
public class RouteToGridAdapter implements JavaDelegate {

    private final ServiceRequests requests;
    private final ProcessEvents events;
    private final IntakeLimits limits;

    RouteToGridAdapter(ServiceRequests requests, ProcessEvents events, IntakeLimits limits) {
        this.requests = requests;
        this.events = events;
        this.limits = limits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceRequest request = requests.require(ProcessEvents.requestId(execution));
        // the timer of the grid's outcome reads the same due time in this step
        Instant due = limits.dueOf(IntakeLimits.Stage.GRID_HANDLING, execution);
        request.routeToGrid(due);
        events.publish(request.id, EventTypes.REQUEST_ROUTED_TO_GRID, new RequestEvents.RoutedToGrid(request.id,
                request.gridCode, due));
    }
}
