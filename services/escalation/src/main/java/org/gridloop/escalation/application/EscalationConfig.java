package org.gridloop.escalation.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import org.gridloop.platform.time.Limit;
import java.util.Optional;

/**
 * escalation's settings ({@code gridloop.escalation.*}): how long each level's supervisors have before the case
 * climbs again — {@code level-limit} for every level, {@code level-limit.<community|street|district|city>} for one
 * (ISO-8601 durations; the tests shorten them).
 */
@ConfigMapping(prefix = "gridloop.escalation")
public interface EscalationConfig {

    @WithName("level-limit")
    Limit levelLimit();

    @WithName("level-limit.community")
    Optional<Limit> communityLimit();

    @WithName("level-limit.street")
    Optional<Limit> streetLimit();

    @WithName("level-limit.district")
    Optional<Limit> districtLimit();

    @WithName("level-limit.city")
    Optional<Limit> cityLimit();
}
