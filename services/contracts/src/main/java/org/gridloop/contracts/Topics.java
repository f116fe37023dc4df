package org.gridloop.contracts;

/** Kafka topic names. Each topic has one owning (producing) service; records are keyed by request id. */
public final class Topics {

    /** Owned by grid-intake: the resident request's life, from submission to closing. */
    public static final String REQUESTS = "gridloop.requests";
    /** Owned by report-in: whistles answered by departments. */
    public static final String DISPATCHES = "gridloop.dispatches";
    /** Owned by escalation: cases lifted up the ladder and the supervisors' decisions. */
    public static final String ESCALATIONS = "gridloop.escalations";
    /** Poison messages, with the reason in the record headers; one topic for every consumer. */
    public static final String DEAD_LETTERS = "gridloop.dead-letters";

    private Topics() {
    }
}
