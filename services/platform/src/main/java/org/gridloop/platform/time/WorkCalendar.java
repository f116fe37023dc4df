package org.gridloop.platform.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The city's work calendar (工作日): Monday to Friday are working days, except the holidays the file lists, plus the
 * make-up working days (调休上班) it lists; working hours are {@code day-start} to {@code day-end} in the city's zone.
 * {@link #due(Instant, Limit)} is the one place a time limit becomes a due time: the timers, the due times the events
 * announce (and the pages show) and so the figures all read it.
 *
 * <p>The file, one entry per line ({@code #} starts a comment): {@code holiday 2026-10-01 2026-10-07} (a day or an
 * inclusive range), {@code workday 2026-10-10}.
 */
@ApplicationScoped
public class WorkCalendar {

    static final String BUILT_IN = "/work-calendar.txt";

    private final ZoneId zone;
    private final LocalTime dayStart;
    private final LocalTime dayEnd;
    private final Set<LocalDate> holidays = new HashSet<>();
    private final Set<LocalDate> workdays = new HashSet<>();

    @Inject
    WorkCalendar(CalendarConfig config) throws IOException {
        this(config.zone(), config.dayStart(), config.dayEnd(), read(config));
    }

    /** A calendar from the file's lines (for tests, and the bean's constructor). */
    public WorkCalendar(String zone, LocalTime dayStart, LocalTime dayEnd, List<String> lines) {
        if (!dayEnd.isAfter(dayStart)) {
            throw new IllegalArgumentException("working hours end after they start: " + dayStart + "-" + dayEnd);
        }
        this.zone = ZoneId.of(zone);
        this.dayStart = dayStart;
        this.dayEnd = dayEnd;
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                LocalDate from = LocalDate.parse(f[1]);
                LocalDate to = f.length > 2 ? LocalDate.parse(f[2]) : from;
                Set<LocalDate> into = switch (f[0]) {
                    case "holiday" -> holidays;
                    case "workday" -> workdays;
                    default -> throw new IllegalArgumentException("holiday or workday, not " + f[0]);
                };
                for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                    into.add(d);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("work calendar line " + n + " (" + raw + "): " + e.getMessage(), e);
            }
        }
    }

    private static List<String> read(CalendarConfig config) throws IOException {
        if (config.file().isPresent()) {
            return Files.readAllLines(Path.of(config.file().get()), StandardCharsets.UTF_8);
        }
        try (InputStream in = WorkCalendar.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IOException("no " + BUILT_IN);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    public boolean isWorkingDay(LocalDate date) {
        if (workdays.contains(date)) {
            return true;
        }
        if (holidays.contains(date)) {
            return false;
        }
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * When a limit starting at {@code from} runs out: a wall-clock duration later; N working days: the close of the
     * Nth working day after {@code from}'s day; N working hours: counted only within working hours.
     */
    public Instant due(Instant from, Limit limit) {
        return switch (limit.kind()) {
            case WALL -> from.plus(limit.wall());
            case WORKING_DAYS -> {
                LocalDate day = from.atZone(zone).toLocalDate();
                for (int i = 0; i < limit.amount(); i++) {
                    day = nextWorkingDay(day);
                }
                yield day.atTime(dayEnd).atZone(zone).toInstant();
            }
            case WORKING_HOURS -> workingHoursAfter(from.atZone(zone), Duration.ofHours(limit.amount())).toInstant();
        };
    }

    private ZonedDateTime workingHoursAfter(ZonedDateTime t, Duration remaining) {
        ZonedDateTime at = t;
        Duration left = remaining;
        while (true) {
            LocalDate day = at.toLocalDate();
            if (!isWorkingDay(day) || !at.toLocalTime().isBefore(dayEnd)) {
                at = nextWorkingDay(day).atTime(dayStart).atZone(zone);
                continue;
            }
            if (at.toLocalTime().isBefore(dayStart)) {
                at = day.atTime(dayStart).atZone(zone);
            }
            Duration today = Duration.between(at.toLocalTime(), dayEnd);
            if (left.compareTo(today) <= 0) {
                return at.plus(left);
            }
            left = left.minus(today);
            at = nextWorkingDay(day).atTime(dayStart).atZone(zone);
        }
    }

    private LocalDate nextWorkingDay(LocalDate after) {
        LocalDate d = after.plusDays(1);
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }
}
