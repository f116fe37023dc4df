package org.gridloop.reportin.application;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Objects;

/**
 * The configurable time limits (ISO-8601 durations): report-in for every called department, resolution by the
 * routing table's limit class, and the supervisor's decision on a jurisdiction dispute.
 */
@ApplicationScoped
public class Limits {

    public static final String GENERAL = "general";

    private final LimitsConfig config;

    Limits(LimitsConfig config) {
        this.config = config;
        Objects.requireNonNull(config.resolve().get(GENERAL), "gridloop.limits.resolve." + GENERAL + " is required");
    }

    public Duration reportIn() {
        return config.reportIn();
    }

    public Duration disputeDecision() {
        return config.disputeDecision();
    }

    /** The resolution limit of a class of the routing table; an unknown class gets the general one. */
    public Duration resolve(String limitClass) {
        return config.resolve().getOrDefault(limitClass, config.resolve().get(GENERAL));
    }
}
