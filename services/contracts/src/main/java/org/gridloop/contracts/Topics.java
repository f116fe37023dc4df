package org.gridloop.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Every topic of GridLoop: what the broker's set-up creates and what its access rules (tools/infra KafkaAcls) cover. */
    public static final List<String> ALL = List.of(REQUESTS, DISPATCHES, ESCALATIONS, DEAD_LETTERS);

    /** Each topic's one producer, as the CloudEvent {@code source} it writes: {@code /gridloop/<service>}. */
    private static final Map<String, String> OWNERS = Map.of(
            REQUESTS, "/gridloop/grid-intake",
            DISPATCHES, "/gridloop/report-in",
            ESCALATIONS, "/gridloop/escalation");

    private Topics() {
    }

    /** The source of the one service that may write {@code topic}; empty for a topic that is no service's. */
    public static Optional<String> owner(String topic) {
        return Optional.ofNullable(OWNERS.get(topic));
    }
}
