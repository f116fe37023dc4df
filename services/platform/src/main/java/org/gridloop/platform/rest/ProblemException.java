package org.gridloop.platform.rest;

import java.util.List;

/** Ends a request with a problem response; thrown by resources and domain checks. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException badField(String field, String message) {
        return new ProblemException(400, "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what, List.of());
    }

    public static ProblemException forbidden(String why) {
        return new ProblemException(403, "Forbidden", why, List.of());
    }

    public static ProblemException conflict(String why) {
        return new ProblemException(409, "Conflict", why, List.of());
    }

    public Problem problem() {
        return new Problem("about:blank", title, status, getMessage(), errors);
    }

    public int status() {
        return status;
    }
}
