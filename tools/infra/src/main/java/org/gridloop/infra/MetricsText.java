package org.gridloop.infra;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one series out of a service's {@code /q/metrics} answer (the Prometheus text format), for the tests. */
public final class MetricsText {

    private MetricsText() {
    }

    /**
     * The value of {@code name} whose labels include {@code label} (e.g. {@code outcome="refused"}; empty: any, or
     * none); empty when no such series is there.
     */
    public static OptionalDouble value(String metrics, String name, String label) {
        String labels = label.isEmpty() ? "(\\{[^}]*})?" : "\\{[^}]*" + Pattern.quote(label) + "[^}]*}";
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + labels + " (?<value>\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group("value"))) : OptionalDouble.empty();
    }
}
