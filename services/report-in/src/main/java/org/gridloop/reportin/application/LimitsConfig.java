package org.gridloop.reportin.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/** The configurable time limits, ISO-8601 durations ({@code gridloop.limits.*}). */
@ConfigMapping(prefix = "gridloop.limits")
public interface LimitsConfig {

    /** Every called department must report in within this. */
    Duration reportIn();

    /** The supervisor decides a jurisdiction dispute within this. */
    @WithDefault("PT4H")
    Duration disputeDecision();

    /** Resolution limit by the routing table's limit class ({@code gridloop.limits.resolve.general} is required). */
    Map<String, Duration> resolve();
}
