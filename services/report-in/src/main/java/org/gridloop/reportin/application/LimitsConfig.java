package org.gridloop.reportin.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import org.gridloop.platform.time.Limit;
import java.util.Map;

/**
 * The configurable time limits ({@code gridloop.limits.*}): working days ({@code 5WD}), working hours ({@code 4WH}) on
 * the city's work calendar, or wall-clock ISO-8601 durations (an emergency's two hours run day and night).
 */
@ConfigMapping(prefix = "gridloop.limits")
public interface LimitsConfig {

    /** Every called department must report in within this. */
    Limit reportIn();

    /** The supervisor decides a jurisdiction dispute within this. */
    @WithDefault("PT4H")
    Limit disputeDecision();

    /** Resolution limit by the routing table's limit class ({@code gridloop.limits.resolve.general} is required). */
    Map<String, Limit> resolve();

    /**
     * Whether the limits the routing table states per category (reportInLimit, resolveLimit) apply (the city's
     * rules); the tests that shorten every limit to seconds turn them off.
     */
    @WithDefault("true")
    boolean fromRoutingTable();
}
