package org.gridloop.intake.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.gridloop.intake.application.IntakeConfig;

/**
 * The limits the resident-request process's timers and gateways read ({@code ${intakeLimits.gridHandling}}), from
 * the configuration, so they need not travel with every process instance.
 */
@Named("intakeLimits")
@ApplicationScoped
public class IntakeLimits {

    private final IntakeConfig.Limits limits;
    private final IntakeConfig.Rework rework;

    IntakeLimits(IntakeConfig.Limits limits, IntakeConfig.Rework rework) {
        this.limits = limits;
        this.rework = rework;
    }

    public String getGridHandling() {
        return limits.gridHandling().toString();
    }

    public String getVerification() {
        return limits.verification().toString();
    }

    public String getFeedback() {
        return limits.feedback().toString();
    }

    public String getCallerDecision() {
        return limits.callerDecision().toString();
    }

    public String getReturnVisit() {
        return limits.returnVisit().toString();
    }

    public int getMaxRework() {
        return rework.max();
    }
}
