package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.Escalation;
import org.gridloop.escalation.repository.Escalations;

import java.util.Date;

/**
 * What the escalation process's gateway, timer and entry-level decision read from the escalation record
 * ({@code ${escalationLadder.atCity(execution)}}, {@code ${escalationLadder.levelDue(execution)}}; the inputs of
 * {@code escalation-entry.dmn}: {@code trigger}, {@code raiserLevel}, {@code departmentLevel}): the level it reached,
 * when that level's supervisors are due, and what opened it. The record is the one truth: the process keeps no copy.
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

    /** What opened the escalation: its trigger's code. */
    public String trigger(DelegateExecution execution) {
        return of(execution).trigger;
    }

    /** GRID when the grid raised it on purpose, the supervisor's unit's level when a supervisor did; else null. */
    public String raiserLevel(DelegateExecution execution) {
        UnitCodes.Level level = of(execution).raiserLevel();
        return level == null ? null : level.name();
    }

    /** The stalled department's level (DISTRICT, CITY) when the missed limit named its unit; else null. */
    public String departmentLevel(DelegateExecution execution) {
        UnitCodes.Level level = of(execution).departmentLevel();
        return level == null ? null : level.name();
    }

    private Escalation of(DelegateExecution execution) {
        return escalations.read(EscalationProcess.escalationId(execution));
    }
}
