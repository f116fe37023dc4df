package org.gridloop.contracts;

import java.util.List;

/**
 * The headers a consumer adds to a poison record it copies to {@link Topics#DEAD_LETTERS} (UTF-8 text), after the
 * record's own headers. Documented as the DeadLetter message of asyncapi.yaml; a test keeps the two in step.
 */
public final class DeadLetterHeaders {

    /** Why the record can never be applied. */
    public static final String REASON = "dead-letter-reason";
    /** The consumer group that rejected it. */
    public static final String CONSUMER = "dead-letter-consumer";
    /** Where it was read from: topic, partition, offset (decimal text). */
    public static final String TOPIC = "dead-letter-topic";
    public static final String PARTITION = "dead-letter-partition";
    public static final String OFFSET = "dead-letter-offset";

    public static final List<String> ALL = List.of(REASON, CONSUMER, TOPIC, PARTITION, OFFSET);

    private DeadLetterHeaders() {
    }
}
