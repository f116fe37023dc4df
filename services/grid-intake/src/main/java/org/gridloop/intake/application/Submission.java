package org.gridloop.intake.application;

import org.gridloop.contracts.Actor;

/**
 * 发现: a report and who makes it. {@code source} is resident, patrol (a grid worker's own finding), open311 or
 * proactive (a supervisor opened it from a hotspot of earlier cases, 未诉先办: {@link ProactiveCase});
 * {@code reporter} the token subject of a signed-in reporter (the opening supervisor of a proactive case), null when
 * anonymous.
 */
public record Submission(ProblemReport report, String source, Actor actor, String reporter) {

    public static final String RESIDENT = "resident";
    public static final String PATROL = "patrol";
    public static final String OPEN311 = "open311";
    public static final String PROACTIVE = "proactive";
}
