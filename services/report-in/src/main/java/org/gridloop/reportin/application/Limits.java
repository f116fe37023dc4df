package org.gridloop.reportin.application;

import jakarta.enterprise.context.ApplicationScoped;

import org.gridloop.platform.time.Limit;
import org.gridloop.platform.time.WorkCalendar;

import org.gridloop.reportin.domain.Dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The configurable time limits as due times on the city's work calendar: report-in for every called department,
 * resolution by the routing table's limit class, and the supervisor's decision on a jurisdiction dispute. Every due
 * time report-in announces or its timers count to comes from here.
 */
@ApplicationScoped
public class Limits {

    public static final String GENERAL = "general";

    private final LimitsConfig config;
    private final WorkCalendar calendar;

    Limits(LimitsConfig config, WorkCalendar calendar) {
        this.config = config;
        this.calendar = calendar;
        Objects.requireNonNull(config.resolve().get(GENERAL), "gridloop.limits.resolve." + GENERAL + " is required");
    }

    public Instant reportInDue(Instant from) {
        return calendar.due(from, config.reportIn());
    }

    public Instant disputeDecisionDue(Instant from) {
        return calendar.due(from, config.disputeDecision());
    }

    /**
     * A round's resolution limit counted from {@code at} (a department called into it later: re-routed, convened):
     * its limit class; a round of a version that stored only a wall-clock limit in milliseconds keeps that.
     */
    public Instant resolveDue(Dispatch dispatch, Instant at) {
        return dispatch.limitClass == null && dispatch.resolveLimitMs != null
                ? at.plus(Duration.ofMillis(dispatch.resolveLimitMs)) : resolveDue(dispatch.limitClass, at);
    }

    /** The resolution due time for a class of the routing table; an unknown (or no) class gets the general one. */
    public Instant resolveDue(String limitClass, Instant from) {
        Limit limit = limitClass == null ? null : config.resolve().get(limitClass);
        return calendar.due(from, limit != null ? limit : config.resolve().get(GENERAL));
    }
}
