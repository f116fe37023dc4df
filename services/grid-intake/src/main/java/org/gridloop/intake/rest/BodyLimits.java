package org.gridloop.intake.rest;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The HTTP layer lets a body through up to the size of a photo ({@code quarkus.http.limits.max-body-size}, 9 MB here,
 * 1 MB in the other services); every other request keeps the platform's 1 MB. A declared Content-Length over it is
 * refused with 413 before the body is read; a body sent without a length (chunked) is capped by the HTTP layer.
 */
@ApplicationScoped
public class BodyLimits {

    /** The body limit of every request but a photo upload. */
    public static final long OTHER_BODIES = 1024 * 1024;

    private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Payload too large\",\"status\":413,"
            + "\"detail\":\"a request body is at most 1 MB here (photos: POST /api/photos)\",\"errors\":[]}";

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String length = rc.request().getHeader("Content-Length");
            boolean photo = rc.request().method() == HttpMethod.POST && "/api/photos".equals(rc.normalizedPath());
            if (!photo && length != null && tooLong(length)) {
                rc.response().setStatusCode(413).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Connection", "close").end(PROBLEM);
                return;
            }
            rc.next();
        }, 50);
    }

    private static boolean tooLong(String length) {
        try {
            return Long.parseLong(length.strip()) > OTHER_BODIES;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed length itself
        }
    }
}
