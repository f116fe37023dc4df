package org.gridloop.reportin.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.platform.process.ProcessEventPublisher;
import org.gridloop.reportin.application.DispatchCommands;

/** The dispatch process's adapters announce their steps as report-in. */
@ApplicationScoped
public class DispatchEventPublisher extends ProcessEventPublisher {

    @Override
    protected String source() {
        return DispatchCommands.SOURCE;
    }
}
