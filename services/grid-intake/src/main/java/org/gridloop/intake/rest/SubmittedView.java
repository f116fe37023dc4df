package org.gridloop.intake.rest;

/** The answer to a submission: the id, and the token that lets an anonymous reporter follow and rate it. */
public record SubmittedView(String id, String trackingToken, String status, String gridCode) {
}
