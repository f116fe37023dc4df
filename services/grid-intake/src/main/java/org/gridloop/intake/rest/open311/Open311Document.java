package org.gridloop.intake.rest.open311;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One GeoReport v2 response, independent of its format: either a list of items ({@code <services><service>...}) or
 * a single object ({@code <discovery>...}). Values are strings, numbers, booleans, null, nested maps, or lists; a
 * list's XML element names its items with the singular of its key ({@code endpoints/endpoint}).
 *
 * @param root the XML root element
 * @param item the XML element of each item; {@code null} for a single object
 * @param body a {@code List<Map<String, Object>>} or a {@code Map<String, Object>}
 */
public record Open311Document(String root, String item, Object body) {

    public static Open311Document list(String root, String item, List<? extends Map<String, ?>> items) {
        return new Open311Document(root, item, items);
    }

    public static Open311Document object(String root, Map<String, ?> fields) {
        return new Open311Document(root, null, fields);
    }

    public static Open311Document errors(Open311Exception e) {
        return list("errors", "error", e.descriptions().stream()
                .map(description -> fields().with("code", e.code()).with("description", description))
                .toList());
    }

    /** An insertion-ordered map, so the fields come out in the order the spec lists them. */
    public static Fields fields() {
        return new Fields();
    }

    public static final class Fields extends LinkedHashMap<String, Object> {
        public Fields with(String name, Object value) {
            put(name, value);
            return this;
        }
    }
}
