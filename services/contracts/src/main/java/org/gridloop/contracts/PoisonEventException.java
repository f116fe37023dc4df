package org.gridloop.contracts;

/**
 * A record that can never be applied (not JSON, not a CloudEvent, unknown type or version, payload of the wrong
 * shape). Consumers send it to {@link Topics#DEAD_LETTERS} with this message as the reason and go on.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
