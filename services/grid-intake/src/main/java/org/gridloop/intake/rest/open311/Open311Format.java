package org.gridloop.intake.rest.open311;

import java.util.Locale;
import java.util.Optional;

/** The two response formats of GeoReport v2, chosen by the path suffix ({@code services.json}, {@code services.xml}). */
public enum Open311Format {
    JSON("application/json; charset=UTF-8"),
    XML("text/xml; charset=UTF-8");

    private final String contentType;

    Open311Format(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<Open311Format> of(String suffix) {
        if (suffix == null) {
            return Optional.empty();
        }
        return switch (suffix.toLowerCase(Locale.ROOT)) {
            case "json" -> Optional.of(JSON);
            case "xml" -> Optional.of(XML);
            default -> Optional.empty();
        };
    }

    /** The format a path asks for, JSON when it asks for none we know (errors must still be answered). */
    public static Open311Format ofPath(String path) {
        if (path == null) {
            return JSON;
        }
        int dot = path.lastIndexOf('.');
        int slash = path.lastIndexOf('/');
        return dot > slash ? of(path.substring(dot + 1)).orElse(JSON) : JSON;
    }
}
