package org.gridloop.platform.rest;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which query parameter of a request could not be converted to its type. JAX-RS answers such a request 404 (as if the
 * resource did not exist) with the conversion's failure as the cause and no name; this finds the name by converting
 * the request's values again as JAX-RS does (a {@code valueOf(String)}, {@code fromString(String)} or
 * {@code parse(CharSequence)} method, or a constructor taking a string) for the plain types it knows (numbers, dates,
 * UUIDs, enums), so the caller gets a 400 naming it.
 */
final class QueryParameters {

    /**
     * The types told apart here; any other (an {@code Optional}, a type with its own {@code ParamConverter}, a date
     * with a {@code @DateFormat}) is left to JAX-RS's 404, since converting it again might not fail where JAX-RS did.
     */
    private static final Set<Class<?>> KNOWN = Set.of(Integer.class, Long.class, Short.class, Byte.class,
            Double.class, Float.class, java.math.BigDecimal.class, java.math.BigInteger.class,
            java.time.LocalDate.class, java.time.Instant.class, java.util.UUID.class);

    private QueryParameters() {
    }

    /** The query parameters of the matched resource method whose value is not of their type (none if unknown). */
    static List<Problem.FieldError> unconvertible(SimpleResourceInfo resource, MultivaluedMap<String, String> query) {
        Method method = method(resource).orElse(null);
        if (method == null) {
            return List.of();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            String name = name(parameter);
            List<String> values = name == null ? null : query.get(name);
            if (values == null) {
                continue;
            }
            Class<?> type = elementType(parameter);
            if (!KNOWN.contains(boxed(type)) && !type.isEnum()) {
                continue;
            }
            // a single value takes the first one given, as JAX-RS does; a list converts each
            List<String> converted = Collection.class.isAssignableFrom(parameter.getType()) ? values
                    : values.subList(0, Math.min(1, values.size()));
            for (String value : converted) {
                if (!converts(type, value)) {
                    errors.add(new Problem.FieldError(name, expected(type)));
                    break;
                }
            }
        }
        return errors;
    }

    private static Optional<Method> method(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null || resource.getMethodName() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(resource.getResourceClass().getMethod(resource.getMethodName(),
                    resource.parameterTypes()));
        } catch (NoSuchMethodException notPublic) {
            return Arrays.stream(resource.getResourceClass().getDeclaredMethods())
                    .filter(m -> m.getName().equals(resource.getMethodName())
                            && Arrays.equals(m.getParameterTypes(), resource.parameterTypes()))
                    .findFirst();
        }
    }

    private static String name(Parameter parameter) {
        for (Annotation a : parameter.getAnnotations()) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof RestQuery q) {
                return q.value().isEmpty() ? parameter.getName() : q.value();
            }
        }
        return null;
    }

    /** The type one value converts to: the parameter's, or its elements' for a list or set. */
    private static Class<?> elementType(Parameter parameter) {
        if (Collection.class.isAssignableFrom(parameter.getType())
                && parameter.getParameterizedType() instanceof ParameterizedType generic
                && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return parameter.getType();
    }

    /** Whether a value converts to one of the {@link #KNOWN} types or an enum. */
    private static boolean converts(Class<?> type, String value) {
        Class<?> boxed = boxed(type);
        try {
            if (boxed.isEnum()) {
                convertEnum(boxed, value);
                return true;
            }
            for (String factory : List.of("valueOf", "fromString")) {
                Method m = staticMethod(boxed, factory, String.class);
                if (m != null) {
                    m.invoke(null, value);
                    return true;
                }
            }
            Method parse = staticMethod(boxed, "parse", CharSequence.class);
            if (parse != null) {
                parse.invoke(null, value);
                return true;
            }
            Constructor<?> constructor = boxed.getConstructor(String.class);
            constructor.newInstance(value);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // an InvocationTargetException is the conversion's own failure; a type with no way from a string
            // cannot be told apart here and counts as not converted
            return false;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void convertEnum(Class<?> type, String value) {
        Enum.valueOf((Class) type, value);
    }

    private static Method staticMethod(Class<?> type, String name, Class<?> argument) {
        try {
            Method m = type.getMethod(name, argument);
            return Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String expected(Class<?> type) {
        Class<?> boxed = boxed(type);
        if (boxed == Integer.class || boxed == Long.class || boxed == Short.class || boxed == Byte.class) {
            return "must be a whole number";
        }
        if (boxed == Double.class || boxed == Float.class || java.math.BigDecimal.class == boxed) {
            return "must be a number";
        }
        if (boxed == java.time.LocalDate.class) {
            return "must be a date (yyyy-MM-dd)";
        }
        if (boxed.isEnum()) {
            return "must be one of " + Arrays.stream(boxed.getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
        }
        return "must be a " + boxed.getSimpleName();
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            default -> Character.class;
        };
    }
}
