package org.gridloop.platform.time;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time limit as the city states it: in working days ({@code 3WD}: by the close of the third working day after the
 * start), in working hours ({@code 16WH}: counted only within working hours of working days), or on the wall clock
 * (an ISO-8601 duration, {@code P7D}, {@code PT3S}: the tests' seconds). Read from configuration as text
 * ({@link #of(String)} is SmallRye Config's implicit converter).
 */
public record Limit(Kind kind, Duration wall, int amount) {

    public enum Kind { WALL, WORKING_DAYS, WORKING_HOURS }

    private static final Pattern WORKING = Pattern.compile("(\\d{1,4})\\s*(WD|WH)");

    public static Limit of(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        Matcher m = WORKING.matcher(t);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1) {
                throw new IllegalArgumentException("a limit of at least one working day or hour: " + text);
            }
            return new Limit("WD".equals(m.group(2)) ? Kind.WORKING_DAYS : Kind.WORKING_HOURS, null, n);
        }
        try {
            Duration d = Duration.parse(t);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a limit longer than zero: " + text);
            }
            return new Limit(Kind.WALL, d, 0);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("a limit is NWD (working days), NWH (working hours) or an ISO-8601 "
                    + "duration: " + text, e);
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case WALL -> wall.toString();
            case WORKING_DAYS -> amount + "WD";
            case WORKING_HOURS -> amount + "WH";
        };
    }
}
