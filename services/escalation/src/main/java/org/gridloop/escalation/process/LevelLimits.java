package org.gridloop.escalation.process;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.application.EscalationConfig;
import org.gridloop.platform.time.Limit;
import org.gridloop.platform.time.WorkCalendar;

import java.time.Instant;

/**
 * When a level's supervisors must have decided before the case climbs again: the level's own limit, else the common
 * one, in working time or wall-clock on the city's work calendar.
 */
@ApplicationScoped
public class LevelLimits {

    private final EscalationConfig config;
    private final WorkCalendar calendar;

    LevelLimits(EscalationConfig config, WorkCalendar calendar) {
        this.config = config;
        this.calendar = calendar;
    }

    /** The level's due time for an escalation that reaches it at {@code at}. */
    public Instant dueAt(UnitCodes.Level level, Instant at) {
        return calendar.due(at, of(level));
    }

    public Limit of(UnitCodes.Level level) {
        return (switch (level) {
            case COMMUNITY -> config.communityLimit();
            case STREET -> config.streetLimit();
            case DISTRICT -> config.districtLimit();
            case CITY -> config.cityLimit();
            case GRID -> throw new IllegalArgumentException("the grid is not a level of the ladder");
        }).orElse(config.levelLimit());
    }
}
