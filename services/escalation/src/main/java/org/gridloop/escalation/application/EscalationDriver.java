package org.gridloop.escalation.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.DispatchEvents;
import org.gridloop.contracts.EscalationEndReason;
import org.gridloop.contracts.EventTypes;
import org.gridloop.escalation.domain.CaseGrid;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.domain.Trigger;
import org.gridloop.escalation.process.EscalationProcess;
import org.gridloop.escalation.repository.EscalationCases;
import org.gridloop.escalation.repository.Escalations;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Drives the escalation process from other services' events, each inside the consumer's batch transaction (so the
 * escalation record, the engine and the events the process announces commit with the batch):
 * <ul>
 *   <li>a missed limit or an undecided dispute opens an escalation (raised in the same step to the level where it
 *       enters the ladder: a department's stall where that department can be commanded, else the community),
 *       unless one for the same request, trigger and department is open: then the repeat is only counted;</li>
 *   <li>the case moving past what the trigger waited for ends it as RESOLVED, the request closing as CLOSED.</li>
 * </ul>
 * The grid comes with the missed limit, else from the case's earlier events ({@code escalation_case}). When nobody
 * has named it, the event fails: the consumer parks it and retries it later.
 */
@ApplicationScoped
public class EscalationDriver {

    private static final Logger LOG = Logger.getLogger(EscalationDriver.class);

    private final Escalations escalations;
    private final EscalationCases cases;
    private final EscalationProcess process;
    private final TransactionSynchronizationRegistry transactions;
    /** The missed limits this transaction applied (a record read twice in one poll is one missed limit). */
    private final Object seen = new Object();

    EscalationDriver(Escalations escalations, EscalationCases cases, EscalationProcess process,
                     TransactionSynchronizationRegistry transactions) {
        this.escalations = escalations;
        this.cases = cases;
        this.process = process;
        this.transactions = transactions;
    }

    /** An event naming the case's grid: remembered for a later missed limit that does not. */
    public void gridNamed(CloudEvent<?> event) {
        String grid = CaseGrid.of(event.data());
        if (grid != null && event.subject() != null) {
            cases.gridNamed(event.subject(), grid);
        }
    }

    /** 上提一级: a missed limit or an undecided dispute opens an escalation, or counts as a repeat of the open one. */
    public void limitMissed(CloudEvent<?> event) {
        Optional<Trigger> trigger = Trigger.of(event.data());
        String requestId = event.subject();
        if (trigger.isEmpty() || requestId == null || !firstInTransaction(event)) {
            return;
        }
        EscalationCases.Known known = cases.know(requestId, CaseGrid.of(event.data()));
        if (known.closed()) {
            LOG.infof("%s for closed case %s: nothing to escalate", trigger.get(), requestId);
            return;
        }
        if (known.gridCode() == null) {
            throw new IllegalStateException("grid of " + requestId + " not known yet: " + event.type() + " "
                    + event.id() + " waits for an event that names it");
        }
        DispatchEvents.LimitMissed dispatchLimit = event.data() instanceof DispatchEvents.LimitMissed l ? l : null;
        String department = dispatchLimit == null ? null : dispatchLimit.department();
        Optional<Escalation> open = escalations.openOf(requestId).stream()
                .filter(e -> e.concerns(trigger.get(), department)).findFirst();
        if (open.isPresent()) {
            open.get().repeated();
            return;
        }
        Escalation escalation = escalations.add(Escalation.open("ESC-" + UUID.randomUUID(), requestId,
                trigger.get(), department, dispatchLimit == null ? null : dispatchLimit.departmentUnit(),
                known.gridCode(), Instant.now()));
        process.start(escalation);
    }

    /** The case moved past what an open escalation's trigger waited for: it ends as RESOLVED. */
    public void movedOn(CloudEvent<?> event) {
        if (event.subject() == null) {
            return;
        }
        for (Escalation e : escalations.openOf(event.subject())) {
            if (Trigger.valueOf(e.trigger).movedOnBy(event.data(), e.department)) {
                process.end(e, event.type(), EscalationEndReason.RESOLVED);
            }
        }
    }

    /** 办结销号: every open escalation of the case ends as CLOSED, and a later missed limit opens none. */
    public void closed(CloudEvent<?> event) {
        if (event.subject() == null) {
            return;
        }
        cases.closed(event.subject());
        for (Escalation e : escalations.openOf(event.subject())) {
            process.end(e, EventTypes.REQUEST_CLOSED.name(), EscalationEndReason.CLOSED);
        }
    }

    @SuppressWarnings("unchecked")
    private boolean firstInTransaction(CloudEvent<?> event) {
        Set<String> ids = (Set<String>) transactions.getResource(seen);
        if (ids == null) {
            ids = new HashSet<>();
            transactions.putResource(seen, ids);
        }
        return ids.add(event.id());
    }
}
