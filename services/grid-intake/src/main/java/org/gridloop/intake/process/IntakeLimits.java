package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.gridloop.intake.application.IntakeConfig;
import org.gridloop.platform.time.Limit;
import org.gridloop.platform.time.WorkCalendar;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;

/**
 * The limits of grid-intake's own stages as the process's timers read them
 * ({@code ${intakeLimits.due('GRID_HANDLING', execution)}}) and the adapters announce them: the routing table's limit
 * for the case's category where it states one ({@code acceptanceLimit}, {@code gridLimit} of grid-routing.dmn, kept
 * as process variables), else the configured one (working days, working hours or a wall-clock duration), becomes a
 * due time through the city's work calendar. Within one step the same stage has one due time, so the timer fires
 * exactly when the event (and the worker's task list) says.
 */
@Named("intakeLimits")
@ApplicationScoped
public class IntakeLimits {

    /** A stage whose limit a timer of resident-request.bpmn counts. */
    public enum Stage { ACCEPTANCE, GRID_HANDLING, VERIFICATION, CALLER_DECISION, FEEDBACK, RETURN_VISIT }

    /** The process variables holding the routing table's limit of a stage (grid-routing.dmn's outputs). */
    static final Map<Stage, String> TABLE_LIMITS = Map.of(
            Stage.ACCEPTANCE, "acceptanceLimit",
            Stage.GRID_HANDLING, "gridLimit");

    private final IntakeConfig.Limits limits;
    private final IntakeConfig.Rework rework;
    private final WorkCalendar calendar;
    private final TransactionSynchronizationRegistry transactions;
    /** This step's due times, by stage (a transaction resource). */
    private final Object dues = new Object();

    IntakeLimits(IntakeConfig.Limits limits, IntakeConfig.Rework rework, WorkCalendar calendar,
                 TransactionSynchronizationRegistry transactions) {
        this.limits = limits;
        this.rework = rework;
        this.calendar = calendar;
        this.transactions = transactions;
    }

    /** The stage's due time on its configured limit, counted from now; the same for the whole step. */
    public Instant dueOf(Stage stage) {
        return dueOf(stage, (VariableScope) null);
    }

    /**
     * The stage's due time, counted from now, on the routing table's limit for this case ({@code process}: its
     * execution) or else the configured one; the same for the whole step.
     */
    public Instant dueOf(Stage stage, VariableScope process) {
        Limit limit = limit(stage, process);
        if (transactions.getTransactionKey() == null) {
            return due(limit);
        }
        @SuppressWarnings("unchecked")
        Map<Stage, Instant> step = (Map<Stage, Instant>) transactions.getResource(dues);
        if (step == null) {
            step = new EnumMap<>(Stage.class);
            transactions.putResource(dues, step);
        }
        return step.computeIfAbsent(stage, s -> due(limit));
    }

    /** In milliseconds, as the engine's timers keep it: the event, the record and the timer hold the same instant. */
    private Instant due(Limit limit) {
        return calendar.due(Instant.now(), limit).truncatedTo(ChronoUnit.MILLIS);
    }

    /** For the timers: {@code ${intakeLimits.due('VERIFICATION')}}. */
    public Date due(String stage) {
        return Date.from(dueOf(Stage.valueOf(stage)));
    }

    /** For the timers whose limit the routing table may state: {@code ${intakeLimits.due('GRID_HANDLING', execution)}}. */
    public Date due(String stage, VariableScope process) {
        return Date.from(dueOf(Stage.valueOf(stage), process));
    }

    /**
     * The limit of a stage for this case: the routing table's (a process variable) where it states one and the
     * configuration lets it ({@code gridloop.limits.from-routing-table}), else the configured one.
     */
    public Limit limit(Stage stage, VariableScope process) {
        String variable = TABLE_LIMITS.get(stage);
        if (process != null && variable != null && limits.fromRoutingTable()) {
            Object text = process.getVariable(variable);
            if (text instanceof String t && !t.isBlank()) {
                return Limit.of(t);
            }
        }
        return limit(stage);
    }

    /** The configured limit of a stage. */
    public Limit limit(Stage stage) {
        return switch (stage) {
            case ACCEPTANCE -> limits.acceptance();
            case GRID_HANDLING -> limits.gridHandling();
            case VERIFICATION -> limits.verification();
            case CALLER_DECISION -> limits.callerDecision();
            case FEEDBACK -> limits.feedback();
            case RETURN_VISIT -> limits.returnVisit();
        };
    }

    public int getMaxRework() {
        return rework.max();
    }
}
