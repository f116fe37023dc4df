package org.gridloop.reportin.application;

import jakarta.enterprise.context.ApplicationScoped;

import org.gridloop.platform.time.Limit;
import org.gridloop.platform.time.WorkCalendar;

import org.gridloop.reportin.domain.Dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The time limits as due times on the city's work calendar: report-in for every called department and resolution,
 * each the routing table's for the round's category where it states one (kept on the dispatch) or else the
 * configured one (resolution by the table's limit class), and the supervisor's decision on a jurisdiction dispute.
 * Every due time report-in announces or its timers count to comes from here.
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

    /** A department called into this round at {@code from}: the table's report-in limit, else the configured one. */
    public Instant reportInDue(Dispatch dispatch, Instant from) {
        return calendar.due(from, dispatch.reportInLimit != null ? Limit.of(dispatch.reportInLimit)
                : config.reportIn());
    }

    /**
     * What the routing table stated for a limit, as it is kept on the dispatch: null when it states none or the
     * table's limits are off; refused when it is not a limit (a table edited wrong stops the step, it is not ignored).
     */
    public String fromTable(String stated) {
        if (stated == null || stated.isBlank() || !config.fromRoutingTable()) {
            return null;
        }
        return Limit.of(stated).toString();
    }

    public Instant disputeDecisionDue(Instant from) {
        return calendar.due(from, config.disputeDecision());
    }

    /**
     * A round's resolution limit counted from {@code at} (a department called into it later: re-routed, convened):
     * its limit class; a round of a version that stored only a wall-clock limit in milliseconds keeps that.
     */
    public Instant resolveDue(Dispatch dispatch, Instant at) {
        if (dispatch.resolveLimit != null) {
            return calendar.due(at, Limit.of(dispatch.resolveLimit));
        }
        return dispatch.limitClass == null && dispatch.resolveLimitMs != null
                ? at.plus(Duration.ofMillis(dispatch.resolveLimitMs)) : resolveDue(dispatch.limitClass, at);
    }

    /** The resolution due time for a class of the routing table; an unknown (or no) class gets the general one. */
    Instant resolveDue(String limitClass, Instant from) {
        Limit limit = limitClass == null ? null : config.resolve().get(limitClass);
        return calendar.due(from, limit != null ? limit : config.resolve().get(GENERAL));
    }
}
