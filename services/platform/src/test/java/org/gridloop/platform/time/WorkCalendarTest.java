package org.gridloop.platform.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Due times in working time, stated by hand from the calendar (Asia/Shanghai, 09:00-17:00): 2026-10-01 to 10-07 a
 * holiday (Thursday to Wednesday), Saturday 2026-10-10 a make-up working day.
 */
class WorkCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final WorkCalendar CALENDAR = new WorkCalendar("Asia/Shanghai", LocalTime.of(9, 0), LocalTime.of(17, 0),
            List.of("# national day", "holiday 2026-10-01 2026-10-07   # 国庆", "", "workday 2026-10-10"));

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(textBlock = """
            # start (Shanghai)   | limit | due (Shanghai)
            2026-09-23T10:00     | 1WD   | 2026-09-24T17:00
            2026-09-25T10:00     | 1WD   | 2026-09-28T17:00
            2026-09-26T22:00     | 2WD   | 2026-09-29T17:00
            2026-09-30T10:00     | 1WD   | 2026-10-08T17:00
            2026-10-08T10:00     | 2WD   | 2026-10-10T17:00
            2026-10-09T10:00     | 1WD   | 2026-10-10T17:00
            2026-09-25T16:00     | 2WH   | 2026-09-28T10:00
            2026-09-25T20:00     | 8WH   | 2026-09-28T17:00
            2026-09-30T15:30     | 3WH   | 2026-10-08T10:30
            2026-09-30T07:00     | 1WH   | 2026-09-30T10:00
            2026-10-09T16:00     | 2WH   | 2026-10-10T10:00
            2026-09-25T16:00     | PT2H  | 2026-09-25T18:00
            2026-09-30T10:00     | P1D   | 2026-10-01T10:00
            """, delimiter = '|', ignoreLeadingAndTrailingWhitespace = true)
    void dueTimesSkipWeekendsAndHolidaysAndCountMakeUpDays(String start, String limit, String due) {
        assertThat(CALENDAR.due(at(start), Limit.of(limit))).isEqualTo(at(due));
    }

    @Test
    void whatIsAWorkingDay() {
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-09-30"))).as("a Wednesday").isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-05"))).as("a Monday of the holiday").isFalse();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-10"))).as("the make-up Saturday").isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-10-11"))).as("a Sunday").isFalse();
    }

    @Test
    void limitsAreWorkingDaysWorkingHoursOrDurations() {
        assertThat(Limit.of("3wd")).isEqualTo(new Limit(Limit.Kind.WORKING_DAYS, null, 3));
        assertThat(Limit.of(" 16WH ").toString()).isEqualTo("16WH");
        assertThat(Limit.of("PT3S").wall()).hasSeconds(3);
        for (String bad : new String[] {"0WD", "3 days", "", "-PT1S"}) {
            assertThatThrownBy(() -> Limit.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new WorkCalendar("Asia/Shanghai", LocalTime.of(9, 0), LocalTime.of(17, 0),
                List.of("vacation 2026-10-01"))).hasMessageContaining("line 1");
    }

    @Test
    void theBuiltInCalendarReads() throws Exception {
        try (var in = WorkCalendar.class.getResourceAsStream(WorkCalendar.BUILT_IN)) {
            WorkCalendar builtIn = new WorkCalendar("Asia/Shanghai", LocalTime.of(9, 0), LocalTime.of(17, 0),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
            assertThat(builtIn.isWorkingDay(LocalDate.parse("2026-10-01"))).isFalse();
        }
    }
}
