package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.application.EscalationConfig;

import java.time.Duration;

/** How long a level's supervisors have before the case climbs again: the level's own limit, else the common one. */
@ApplicationScoped
public class LevelLimits {

    private final EscalationConfig config;

    LevelLimits(EscalationConfig config) {
        this.config = config;
    }

    public Duration of(UnitCodes.Level level) {
        return (switch (level) {
            case COMMUNITY -> config.communityLimit();
            case STREET -> config.streetLimit();
            case DISTRICT -> config.districtLimit();
            case CITY -> config.cityLimit();
            case GRID -> throw new IllegalArgumentException("the grid is not a level of the ladder");
        }).orElse(config.levelLimit());
    }
}
