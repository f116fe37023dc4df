package org.gridloop.intake.rest;

/**
 * The answer to a submission: the id, and the token that lets an anonymous reporter follow and rate it. A duplicate
 * of an open case nearby comes back MERGED, naming the case its reporter now follows.
 */
public record SubmittedView(String id, String trackingToken, String status, String gridCode, String mergedInto) {
}
