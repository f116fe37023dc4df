package org.gridloop.platform.time;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.LocalTime;
import java.util.Optional;

/** The city's work calendar: its file (the built-in one unless the city names its own), zone and working hours. */
@ConfigMapping(prefix = "gridloop.calendar")
public interface CalendarConfig {

    /** A file the city edits (see the built-in {@code work-calendar.txt} for the format); the built-in one if absent. */
    Optional<String> file();

    @WithDefault("Asia/Shanghai")
    String zone();

    @WithDefault("09:00")
    LocalTime dayStart();

    @WithDefault("17:00")
    LocalTime dayEnd();
}
