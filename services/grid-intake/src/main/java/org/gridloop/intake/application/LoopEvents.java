package org.gridloop.intake.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.AnswerResult;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationDecision;
import org.gridloop.contracts.EscalationEvents;
import org.gridloop.intake.domain.DepartmentAnswer;
import org.gridloop.intake.domain.RequestStatus;
import org.gridloop.intake.domain.ServiceRequest;
import org.gridloop.intake.process.RequestProcess;
import org.gridloop.intake.repository.ServiceRequests;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;

/**
 * What other services' events move forward here, each inside the consumer's batch transaction: the departments
 * resolved a round (the grid verifies next), a supervisor ordered the case closed.
 */
@ApplicationScoped
public class LoopEvents {

    private static final Logger LOG = Logger.getLogger(LoopEvents.class);

    private final ServiceRequests requests;
    private final RequestProcess process;
    private final ResidentProgress progress;

    LoopEvents(ServiceRequests requests, RequestProcess process, ResidentProgress progress) {
        this.requests = requests;
        this.process = process;
        this.progress = progress;
    }

    /**
     * 核查 next (or the caller's decision when a department did not fix it), with what each department answered (the
     * verifying worker and the resident see it). A resolution the case does not wait for (it was closed by order
     * meanwhile, or this round was resolved already) changes nothing.
     */
    public void dispatchResolved(CloudEvent<DispatchEvents.Resolved> event) {
        DispatchEvents.Resolved resolved = event.data();
        ServiceRequest request = requests.forUpdate(resolved.requestId()).orElse(null);
        if (request == null || request.status != RequestStatus.WHISTLED || request.round != resolved.round()) {
            LOG.infof("dispatch.resolved of %s round %d: the case is %s (round %s), not waiting for it",
                    resolved.requestId(), resolved.round(), request == null ? "unknown" : request.status,
                    request == null ? "-" : request.round);
            return;
        }
        List<DispatchEvents.Answer> answers = resolved.answers() == null ? List.of() : resolved.answers();
        request.departmentsAnswered(answers.stream()
                .map(a -> new DepartmentAnswer(a.department(), a.result(), a.note())).toList());
        progress.answered(request.id, event.time() != null ? event.time() : Instant.now(), answers);
        process.dispatchResolved(request, answers.stream().anyMatch(a -> a.result() != AnswerResult.FIXED));
    }

    /** 督办结案: ORDER_CLOSING closes the case wherever it stands; other decisions concern the departments. */
    public void escalationDecided(CloudEvent<EscalationEvents.Decided> event) {
        EscalationEvents.Decided decided = event.data();
        if (decided.decision() != EscalationDecision.ORDER_CLOSING) {
            return;
        }
        requests.forUpdate(decided.requestId()).filter(r -> r.status.open())
                .ifPresent(request -> process.closingOrdered(request.id));
    }
}
