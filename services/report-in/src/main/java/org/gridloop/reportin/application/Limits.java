package org.gridloop.reportin.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The configurable time limits (ISO-8601 durations): report-in for every called department, resolution by the
 * routing table's limit class, and the supervisor's decision on a jurisdiction dispute.
 */
@ApplicationScoped
public class Limits {

    public static final String GENERAL = "general";

    @Inject
    Config config;

    @ConfigProperty(name = "gridloop.limits.report-in")
    Duration reportIn;

    @ConfigProperty(name = "gridloop.limits.dispute-decision", defaultValue = "PT4H")
    Duration disputeDecision;

    public Duration reportIn() {
        return reportIn;
    }

    public Duration disputeDecision() {
        return disputeDecision;
    }

    /** The resolution limit of a class of the routing table; an unknown class gets the general one. */
    public Duration resolve(String limitClass) {
        return config.getOptionalValue("gridloop.limits.resolve." + limitClass, Duration.class)
                .orElseGet(() -> config.getValue("gridloop.limits.resolve." + GENERAL, Duration.class));
    }
}
