package org.gridloop.escalation.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The cases export ({@code gridloop.export.*}): it needs a period of at most {@code max-days}, holds at most
 * {@code max-rows} cases (more is refused with 400 before anything is read: narrow the period or the unit), and is
 * read and written {@code page} rows at a time, so its memory does not grow with its size.
 */
@ConfigMapping(prefix = "gridloop.export")
public interface ExportConfig {

    @WithDefault("366")
    int maxDays();

    @WithDefault("100000")
    int maxRows();

    @WithDefault("2000")
    int page();
}
