package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.repository.Escalations;

import java.util.Date;

/**
 * What the escalation process's gateway and timer read from the escalation record
 * ({@code ${escalationLadder.atCity(execution)}}, {@code ${escalationLadder.levelDue(execution)}}): the level it
 * reached and when that level's supervisors are due. The record is the one truth: the process keeps no copy.
 */
@Named("escalationLadder")
@ApplicationScoped
public class EscalationLadder {

    private final Escalations escalations;

    EscalationLadder(Escalations escalations) {
        this.escalations = escalations;
    }

    /** At the city nothing is above: the process waits for a decision without a timer. */
    public boolean atCity(DelegateExecution execution) {
        return of(execution).currentLevel() == UnitCodes.Level.CITY;
    }

    public Date levelDue(DelegateExecution execution) {
        return Date.from(of(execution).due);
    }

    private Escalation of(DelegateExecution execution) {
        return escalations.read(EscalationProcess.escalationId(execution));
    }
}
