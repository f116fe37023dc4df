package org.gridloop.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A city work calendar for tests that run on any day: today (in the city's zone) and every weekday up to the coming
 * weekend are holidays, and so is the Monday after it; the first working day is the Tuesday after the weekend. A
 * limit counted from now therefore crosses a holiday and a weekend whatever day the tests run on. The file is the
 * format of platform's {@code work-calendar.txt}; {@link #file()} goes into {@code gridloop.calendar.file}.
 *
 * @param today           the day the tests run, a holiday
 * @param weekend         the first Saturday or Sunday after today
 * @param firstWorkingDay the Tuesday after that weekend (the Monday is a holiday too)
 */
public record TestCalendar(Path file, LocalDate today, LocalDate weekend, LocalDate firstWorkingDay) {

    /** The city's zone and working hours (platform's CalendarConfig defaults, which the services run on). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final LocalTime DAY_START = LocalTime.of(9, 0);
    public static final LocalTime DAY_END = LocalTime.of(17, 0);

    public static TestCalendar aroundTheComingWeekend() {
        LocalDate today = LocalDate.now(ZONE);
        LocalDate weekend = today.plusDays(1);
        while (!isWeekend(weekend)) {
            weekend = weekend.plusDays(1);
        }
        LocalDate monday = weekend;
        while (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
            monday = monday.plusDays(1);
        }
        String text = """
                # generated for a test on %s: today and the weekdays up to the weekend are holidays, then the weekend,
                # then the Monday; the Tuesday is the first working day
                holiday %s %s
                holiday %s
                """.formatted(today, today, weekend.minusDays(1), monday);
        try {
            Path file = Files.createTempFile("work-calendar-", ".txt");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            return new TestCalendar(file, today, weekend, monday.plusDays(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code n}th working day from the first one (n = 1: {@link #firstWorkingDay()}); after it only weekends are
     * days off (the file replaces the built-in calendar, so no statutory holiday is on it).
     */
    public LocalDate workingDay(int n) {
        LocalDate day = firstWorkingDay;
        for (int i = 1; i < n; i++) {
            day = day.plusDays(1);
            while (isWeekend(day)) {
                day = day.plusDays(1);
            }
        }
        return day;
    }

    /** The close of a working day (17:00 in the city): where a limit in working days ends. */
    public Instant closeOf(LocalDate day) {
        return day.atTime(DAY_END).atZone(ZONE).toInstant();
    }

    /** {@code hours} working hours into a working day: where a limit in working hours ends, counted from a day off. */
    public Instant hoursInto(LocalDate day, int hours) {
        return day.atTime(DAY_START.plusHours(hours)).atZone(ZONE).toInstant();
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
