package org.gridloop.intake.rest.open311;

import org.gridloop.contracts.Category;
import org.gridloop.intake.domain.RequestStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The filters of {@code GET requests}, read and checked as GeoReport v2 defines them: {@code service_request_id}
 * (comma-separated; overrides every other filter), {@code service_code} and {@code status} (comma-separated),
 * {@code start_date}/{@code end_date} (W3C datetimes; by default the last 90 days, never a longer window).
 *
 * @param ids        the requested ids, or empty for a search
 * @param codes      the service codes to keep; empty for all
 * @param statuses   the statuses to keep; empty for all
 * @param start      earliest {@code requested_datetime}, inclusive
 * @param end        latest {@code requested_datetime}, inclusive
 */
public record Open311Query(List<String> ids, Set<String> codes, Set<RequestStatus> statuses, Instant start,
                           Instant end) {

    public static final Duration MAX_WINDOW = Duration.ofDays(90);
    public static final int MAX_RESULTS = 1000;
    static final int MAX_ID_LENGTH = 64;

    /** A '+' of an offset that the client forgot to encode arrives as a space: "2025-06-01T08:00:00 08:00". */
    private static final Pattern UNENCODED_PLUS = Pattern.compile("^(\\S+T[0-9:.]+) (\\d{2}:\\d{2})$");

    public boolean byId() {
        return !ids.isEmpty();
    }

    public static Open311Query parse(String serviceRequestIds, String serviceCodes, String startDate, String endDate,
                                     String status, ZoneId zone, Clock clock) {
        List<String> ids = split(serviceRequestIds);
        if (ids.size() > MAX_RESULTS) {
            throw Open311Exception.badRequest("service_request_id: at most " + MAX_RESULTS + " ids at once");
        }
        for (String id : ids) {
            if (id.length() > MAX_ID_LENGTH) {
                throw Open311Exception.badRequest("service_request_id: '" + abbreviate(id) + "' is not a request id");
            }
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String code : split(serviceCodes)) {
            if (Category.byCode(code).isEmpty()) {
                throw Open311Exception.badRequest("service_code: unknown service_code '" + abbreviate(code)
                        + "'; see services.json");
            }
            codes.add(code);
        }
        Set<RequestStatus> statuses = EnumSet.noneOf(RequestStatus.class);
        for (String s : split(status)) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "open" -> Arrays.stream(RequestStatus.values()).filter(RequestStatus::open)
                        .forEach(statuses::add);
                case "closed" -> Arrays.stream(RequestStatus.values()).filter(r -> !r.open())
                        .forEach(statuses::add);
                default -> throw Open311Exception.badRequest("status: must be open or closed (comma-separated), not '"
                        + abbreviate(s) + "'");
            }
        }
        if (statuses.size() == RequestStatus.values().length) {
            statuses = Set.of();
        }
        Instant start = blank(startDate) ? null : instant("start_date", startDate, zone, false);
        Instant end = blank(endDate) ? null : instant("end_date", endDate, zone, true);
        if (start == null && end == null) {
            end = clock.instant();
            start = end.minus(MAX_WINDOW);
        } else if (start == null) {
            start = end.minus(MAX_WINDOW);
        } else if (end == null) {
            end = start.plus(MAX_WINDOW);
        }
        if (end.isBefore(start)) {
            throw Open311Exception.badRequest("end_date: must not be before start_date");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw Open311Exception.badRequest("start_date, end_date: the window may not span more than 90 days");
        }
        return new Open311Query(List.copyOf(ids), Set.copyOf(codes), Set.copyOf(statuses), start, end);
    }

    /**
     * A W3C datetime ({@code 2025-06-01T08:00:00+08:00}, {@code ...Z}); also, leniently, one without an offset or
     * a bare date, both read in the jurisdiction's zone. A bare end date means the end of that day.
     */
    static Instant instant(String parameter, String value, ZoneId zone, boolean endOfDay) {
        String v = UNENCODED_PLUS.matcher(value.strip()).replaceFirst("$1+$2");
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(v).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    LocalDate day = LocalDate.parse(v);
                    return endOfDay ? day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1000)
                            : day.atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw Open311Exception.badRequest(parameter + ": '" + abbreviate(value)
                            + "' is not a W3C datetime such as 2025-06-01T08:00:00+08:00");
                }
            }
        }
    }

    static List<String> split(String commaSeparated) {
        if (blank(commaSeparated)) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Echoes client input into an error, but never much of it. */
    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
