package org.gridloop.intake.rest.open311;

import java.util.List;

/**
 * Ends an Open311 call with the spec's error list ({@code [{"code":400,"description":"..."}]}) and that HTTP
 * status. Open311 clients expect this shape, not RFC 9457 problem details, so the resource maps it itself.
 */
public class Open311Exception extends RuntimeException {

    private final int code;
    private final List<String> descriptions;

    public Open311Exception(int code, String description) {
        this(code, List.of(description));
    }

    /** Several errors at once (e.g. each bad parameter of a POST), one list entry each. */
    public Open311Exception(int code, List<String> descriptions) {
        super(String.join("; ", descriptions), null, false, false);
        this.code = code;
        this.descriptions = List.copyOf(descriptions);
    }

    public static Open311Exception badRequest(String description) {
        return new Open311Exception(400, description);
    }

    public static Open311Exception forbidden(String description) {
        return new Open311Exception(403, description);
    }

    public static Open311Exception notFound(String description) {
        return new Open311Exception(404, description);
    }

    public int code() {
        return code;
    }

    public List<String> descriptions() {
        return descriptions;
    }
}
