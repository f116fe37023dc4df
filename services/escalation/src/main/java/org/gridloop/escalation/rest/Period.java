package org.gridloop.escalation.rest;

import org.gridloop.platform.rest.ProblemException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * A period of days (Asia/Shanghai): {@code period=2026-11} (a month) or {@code period=2026-11-05} (a day), or
 * {@code from}/{@code to} (inclusive dates); nothing means all time.
 */
public record Period(LocalDate from, LocalDate to) {

    static final int FIRST_YEAR = 2000;
    static final LocalDate BEGINNING = LocalDate.of(FIRST_YEAR, 1, 1);
    static final LocalDate END = LocalDate.of(2999, 12, 31);

    public static Period of(String period, String from, String to) {
        if (period != null && !period.isBlank()) {
            if (from != null || to != null) {
                throw ProblemException.badField("period", "give either period or from/to");
            }
            if (period.length() == 7) {
                return of(month("period", period));
            }
            LocalDate day = date("period", period, null);
            return new Period(day, day);
        }
        LocalDate start = date("from", from, BEGINNING);
        LocalDate end = date("to", to, END);
        if (end.isBefore(start)) {
            throw ProblemException.badField("to", "must not be before from");
        }
        return new Period(start, end);
    }

    /** A month's days. */
    public static Period of(YearMonth month) {
        return new Period(month.atDay(1), month.atEndOfMonth());
    }

    /**
     * A month named by a request ({@code field}: 2026-11), from {@value #FIRST_YEAR}-01 to 9999-12 (a month the
     * database can hold), or a 400 naming the field.
     */
    public static YearMonth month(String field, String text) {
        try {
            YearMonth month = YearMonth.parse(text.strip());
            if (month.getYear() < FIRST_YEAR || month.getYear() > 9999) {
                throw ProblemException.badField(field, "a month from " + FIRST_YEAR + "-01 on");
            }
            return month;
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, "a month, e.g. 2026-11");
        }
    }

    /**
     * A period that must be given (a month, a day, or both from and to) and may span at most {@code maxDays}: what
     * an export asks for, so no request reads all history by default.
     */
    public static Period required(String period, String from, String to, int maxDays) {
        boolean none = (period == null || period.isBlank()) && (from == null || from.isBlank()
                || to == null || to.isBlank());
        if (none) {
            throw ProblemException.badField("period", "required: a month (period=2026-11), a day (2026-11-05), or "
                    + "from and to");
        }
        Period p = of(period, from, to);
        if (java.time.temporal.ChronoUnit.DAYS.between(p.from(), p.to()) + 1 > maxDays) {
            throw ProblemException.badField("to", "an export spans at most " + maxDays + " days");
        }
        return p;
    }

    private static LocalDate date(String field, String value, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badField(field, "a date like 2026-11-05");
        }
        // the years a period is read in (the roll-ups split it into years, months and days)
        if (date.getYear() < FIRST_YEAR || date.getYear() > 9999) {
            throw ProblemException.badField(field, "a date from " + FIRST_YEAR + "-01-01 to 9999-12-31");
        }
        return date;
    }
}
