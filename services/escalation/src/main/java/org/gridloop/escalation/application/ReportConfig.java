package org.gridloop.escalation.application;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/**
 * The monthly report's settings ({@code gridloop.report.*}): whether this instance issues the month-end reports and
 * how often it looks whether last month's are due; the CJK TrueType fonts the PDF may embed, first found wins.
 */
@ConfigMapping(prefix = "gridloop.report")
public interface ReportConfig {

    /** Whether this instance issues the month-end reports (any instance may: a unit's month is stored once). */
    @WithDefault("true")
    boolean schedule();

    /** How often it looks whether last month's reports are due (after the first look, a minute after start). */
    @WithDefault("PT15M")
    Duration checkEvery();

    /**
     * How long after a month has ended (Asia/Shanghai) its reports are issued: time for the last evening's events
     * to reach the facts, since a report is kept as issued.
     */
    @WithDefault("PT2H")
    Duration issueAfter();

    /**
     * TrueType fonts (.ttf, or .ttc with the face's PostScript name after '#') with the Chinese characters of the report; the
     * first file that exists is embedded (subset). WenQuanYi Zen Hei is Debian's fonts-wqy-zenhei.
     */
    @WithDefault("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#WenQuanYiZenHei,"
            + "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc#WenQuanYiZenHei,"
            + "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#WenQuanYiMicroHei")
    List<String> fonts();
}
