package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.gridloop.intake.application.IntakeConfig;
import org.gridloop.platform.time.Limit;
import org.gridloop.platform.time.WorkCalendar;

import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;

/**
 * The limits of grid-intake's own stages as the process's timers read them ({@code ${intakeLimits.due('GRID_HANDLING')}})
 * and the adapters announce them: a limit from the configuration (working days, working hours or a wall-clock
 * duration) becomes a due time through the city's work calendar. Within one step the same stage has one due time,
 * so the timer fires exactly when the event (and the page) says.
 */
@Named("intakeLimits")
@ApplicationScoped
public class IntakeLimits {

    /** A stage whose limit a timer of resident-request.bpmn counts. */
    public enum Stage { GRID_HANDLING, VERIFICATION, CALLER_DECISION, FEEDBACK, RETURN_VISIT }

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

    /** The stage's due time, counted from now; the same for the whole step. */
    public Instant dueOf(Stage stage) {
        if (transactions.getTransactionKey() == null) {
            return calendar.due(Instant.now(), limit(stage));
        }
        @SuppressWarnings("unchecked")
        Map<Stage, Instant> step = (Map<Stage, Instant>) transactions.getResource(dues);
        if (step == null) {
            step = new EnumMap<>(Stage.class);
            transactions.putResource(dues, step);
        }
        return step.computeIfAbsent(stage, s -> calendar.due(Instant.now(), limit(s)));
    }

    /** For the timers: {@code ${intakeLimits.due('VERIFICATION')}}. */
    public Date due(String stage) {
        return Date.from(dueOf(Stage.valueOf(stage)));
    }

    public Limit limit(Stage stage) {
        return switch (stage) {
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
