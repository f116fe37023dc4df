package org.gridloop.contracts;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * Values no producer of these contracts can have meant, checked on every decoded event by the names the payloads
 * share: a request id that is blank or longer than any id, a grid, unit or district code that is not one, a ladder
 * level that does not exist, a round below 1, a rating (a resident's, or a caller's attitude and result rating of a
 * department) outside 1 to 5, a rework count below 0, coordinates off the
 * globe. Such an event would fail in every handler every time: it is poison, dead-lettered at once with the reason,
 * instead of being retried until someone notices. Values a newer producer may add (category codes, decisions,
 * results) are not checked here: the handlers treat an unknown one as unknown.
 */
public final class EventValues {

    /** What the consumers' inbox and the record key can hold. */
    public static final int MAX_REQUEST_ID = 64;
    private static final Set<String> LEVELS = Set.of("GRID", "COMMUNITY", "STREET", "DISTRICT", "CITY");

    /** A payload component: its name and its accessor. */
    private record Component(String name, Method accessor) {
    }

    /**
     * Each payload type's components, looked up once: every consumed event is checked, and
     * {@code getRecordComponents()} reflects and copies anew on each call.
     */
    private static final ClassValue<Component[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(c -> new Component(c.getName(), c.getAccessor())).toArray(Component[]::new);
        }
    };

    private EventValues() {
    }

    /**
     * Checks a payload (and the records and lists of records inside it).
     *
     * @throws PoisonEventException naming the first impossible value
     */
    public static void check(Object payload) {
        if (payload == null || !payload.getClass().isRecord()) {
            return;
        }
        String type = payload.getClass().getSimpleName();
        for (Component component : COMPONENTS.get(payload.getClass())) {
            Object value = read(payload, component);
            String problem = problem(component.name(), value);
            if (problem != null) {
                throw new PoisonEventException(type + "." + component.name() + " " + problem + ": "
                        + abbreviate(value));
            }
            if (value instanceof Collection<?> items) {
                items.forEach(EventValues::check);
            } else {
                check(value);
            }
        }
    }

    private static String problem(String name, Object value) {
        return switch (name) {
            case "requestId" -> value instanceof String id && !id.isBlank() && id.length() <= MAX_REQUEST_ID
                    && id.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                    ? null : "is not a request id";
            case "gridCode" -> value == null || UnitCodes.isGridCode((String) value) ? null : "is not a grid code";
            case "unit", "departmentUnit" -> value == null || UnitCodes.isUnitCode((String) value) ? null
                    : "is not a unit code";
            case "district" -> value == null || UnitCodes.isUnitCode((String) value) && ((String) value).length() == 6
                    ? null : "is not a district code";
            case "level", "fromLevel" -> value == null || LEVELS.contains(value) ? null : "is not a level";
            case "round" -> value == null || (Integer) value >= 1 ? null : "is below 1";
            case "rating" -> value == null || (Integer) value >= 1 && (Integer) value <= 5 ? null : "is not 1 to 5";
            // a caller's rating of a department (DepartmentRated); a department's answer's result is a code
            case "attitude" -> (Integer) value >= 1 && (Integer) value <= 5 ? null : "is not 1 to 5";
            case "result" -> !(value instanceof Integer i) || i >= 1 && i <= 5 ? null : "is not 1 to 5";
            case "reworkCount" -> (Integer) value >= 0 ? null : "is negative";
            case "latitude" -> Math.abs((Double) value) <= 90 ? null : "is off the globe";
            case "longitude" -> Math.abs((Double) value) <= 180 ? null : "is off the globe";
            default -> null;
        };
    }

    private static Object read(Object payload, Component component) {
        try {
            return component.accessor().invoke(payload);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.name(), e);
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
