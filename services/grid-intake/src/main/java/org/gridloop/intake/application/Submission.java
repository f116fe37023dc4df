package org.gridloop.intake.application;

import org.gridloop.contracts.Actor;

/**
 * 发现: a report and who makes it. {@code source} is resident, patrol (a grid worker's own finding) or open311;
 * {@code reporter} the token subject of a signed-in reporter, null when anonymous.
 */
public record Submission(ProblemReport report, String source, Actor actor, String reporter) {

    public static final String RESIDENT = "resident";
    public static final String PATROL = "patrol";
    public static final String OPEN311 = "open311";
}
