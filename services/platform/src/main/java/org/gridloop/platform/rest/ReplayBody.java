package org.gridloop.platform.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Names the consumer whose events to replay (dead letters, DEAD parked events): a deliberate act, and on the service
 * that owns them.
 */
public record ReplayBody(@NotBlank @Size(max = 100) String consumer) {

    /** {@code own} when the body names it; else a 400 naming the field, nothing replayed. */
    String require(String own) {
        if (!consumer.equals(own)) {
            throw ProblemException.badField("consumer", "this service's consumer is " + own);
        }
        return own;
    }
}
