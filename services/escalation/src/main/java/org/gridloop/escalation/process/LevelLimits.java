package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.UnitCodes;

import java.time.Duration;
import java.util.Locale;

/**
 * How long each level's supervisors have before the case climbs again: {@code gridloop.escalation.level-limit},
 * overridden per level by {@code gridloop.escalation.level-limit.<community|street|district|city>}.
 */
@ApplicationScoped
public class LevelLimits {

    @Inject
    Config config;

    @ConfigProperty(name = "gridloop.escalation.level-limit")
    Duration defaultLimit;

    public Duration of(UnitCodes.Level level) {
        return config.getOptionalValue("gridloop.escalation.level-limit." + level.name().toLowerCase(Locale.ROOT),
                Duration.class).orElse(defaultLimit);
    }
}
