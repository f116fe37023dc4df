package org.gridloop.escalation.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.escalation.repository.AuditQueries;
import org.gridloop.escalation.repository.EvaluationQueries;
import org.gridloop.escalation.repository.HotspotQueries;
import org.gridloop.escalation.repository.Reports;
import org.gridloop.escalation.repository.Topics;
import org.gridloop.escalation.repository.UnitFilter;
import org.gridloop.escalation.security.UnitScope;
import org.gridloop.platform.background.Background;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * 通报: a unit's monthly report — its figures against the month before, its cycle times, the ranking of the units
 * under it and of the departments it called, the most reported problems and the repeated places, the cases overdue
 * when it was issued, and the month's topic (每月一题). Issued at month end for every street, district and city with
 * reports that month, and on demand by a supervisor; kept as issued (the JSON of {@link Content}), read as a page
 * and as a PDF ({@code rest/ReportPdf}).
 *
 * <p>Every number in it comes from the same reads as the supervisor's pages ({@link EvaluationQueries},
 * {@link HotspotQueries}, {@link AuditQueries}, {@link Topics}), so a report and a page never disagree on a
 * definition.
 */
@ApplicationScoped
public class MonthlyReports {

    private static final Logger LOG = Logger.getLogger(MonthlyReports.class);

    /** How many rows of each list a report keeps. */
    public static final int TOP = 10;
    /** How many overdue cases a report names (it counts them all, up to the audit's limit). */
    public static final int OVERDUE_NAMED = 20;
    /** A place counts as repeated with this many reports of one kind in the report's month and the two before. */
    public static final int REPEATED_MIN = 3;

    /** The month's topic of the unit or a unit under it, and how its cases stood when the report was issued. */
    public record TopicLine(Topics.Topic topic, Topics.Progress progress) {
    }

    /** A month's reports of every category under the unit. */
    public record MonthTotal(String month, long cases) {
    }

    /**
     * What a report says. {@code to} is the month's last day, or the day it was issued when that came first (a
     * report on demand for the running month). {@code rankedLevel} is the level of {@code units} (none for a grid).
     * {@code overdueCount} counts the open overdue cases when it was issued (at most the audit list's
     * {@value AuditQueries#LIMIT}), {@code overdue} names the most overdue.
     */
    public record Content(String unit, String level, String month, LocalDate from, LocalDate to, String issued,
                          String generatedBy, Instant generatedAt, EvaluationQueries.Figures figures,
                          EvaluationQueries.Figures previous, String rankedLevel, List<EvaluationQueries.Ranked> units,
                          List<EvaluationQueries.Ranked> departments, List<HotspotQueries.CategoryCount> hotspots,
                          List<MonthTotal> trend, List<HotspotQueries.RepeatedPlace> repeated, int overdueCount,
                          List<AuditQueries.Overdue> overdue, List<TopicLine> topics) {
    }

    /** A stored report, with what it says. */
    public record Report(Reports.Issued issued, Content content) {
    }

    private final EvaluationQueries evaluation;
    private final HotspotQueries hotspots;
    private final AuditQueries audit;
    private final Topics topics;
    private final Reports reports;
    private final ObjectMapper json;
    private final ReportConfig config;
    private final Clock clock = Clock.system(FactChanges.ZONE);
    private ScheduledExecutorService schedule;
    /** Who holds a month-end run's lease, and for how long at most (a run of a city's units takes minutes). */
    private static final String INSTANCE = "escalation-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration LEASE = Duration.ofHours(1);

    MonthlyReports(EvaluationQueries evaluation, HotspotQueries hotspots, AuditQueries audit, Topics topics,
                   Reports reports, ObjectMapper json, ReportConfig config) {
        this.evaluation = evaluation;
        this.hotspots = hotspots;
        this.audit = audit;
        this.topics = topics;
        this.reports = reports;
        this.json = json;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        if (config.schedule()) {
            schedule = Background.every("monthly-reports", Duration.ofMinutes(1), config.checkEvery(), () -> {
                try {
                    issueDue(clock.instant());
                } catch (RuntimeException e) {
                    LOG.warnf(e, "month-end reports not issued yet, tried again in %s", config.checkEvery());
                }
            });
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    /**
     * The last month whose reports are due at {@code now}: the month before the one {@code issueAfter} ago, in
     * Asia/Shanghai (on the 1st at 02:00 with two hours' delay: the month that just ended).
     */
    public static YearMonth dueMonth(Instant now, Duration issueAfter) {
        return YearMonth.from(now.minus(issueAfter).atZone(FactChanges.ZONE)).minusMonths(1);
    }

    /** The month-end run of the last month due at {@code now} ({@link #dueMonth}). Returns how many it issued. */
    public int issueDue(Instant now) {
        return issueMonth(dueMonth(now, config.issueAfter()));
    }

    /**
     * The month-end run of {@code month} (a month that has ended): unless it finished or another instance holds its
     * lease, the report of every street, district and city with reports that month that has none yet; a unit that
     * fails is logged and left for the next look (the run finishes only when none failed). Returns how many it
     * issued now.
     */
    public int issueMonth(YearMonth month) {
        Instant now = clock.instant();
        if (!month.isBefore(YearMonth.now(clock))) {
            throw new IllegalArgumentException(month + " has not ended");
        }
        LocalDate first = month.atDay(1);
        if (!reports.lease(first, INSTANCE, now, now.plus(LEASE))) {
            return 0;
        }
        List<String> units = reports.activeUnits(first, month.atEndOfMonth());
        int issued = 0;
        int failed = 0;
        for (String unit : units) {
            try {
                if (!reports.scheduled(unit, first) && issue(unit, month, Reports.SCHEDULED, null).isPresent()) {
                    issued++;
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.warnf(e, "month-end report of %s for %s not issued: tried again at the next look", unit, month);
            }
        }
        reports.runDone(first, INSTANCE, units.size(), failed, clock.instant());
        LOG.infof("month-end reports of %s: %d units, %d issued now, %d failed", month, units.size(), issued, failed);
        return issued;
    }

    /**
     * Generates and stores a report (blocking: call it off the event loop). Empty when it was a scheduled one that
     * another instance stored first.
     */
    public Optional<Report> issue(String unit, YearMonth month, String how, String by) {
        LocalDate to = lastDay(month);
        // the topics' progress (JDBC, on this thread) first, then the reactive reads that make up the rest
        List<TopicLine> topicLines = new ArrayList<>();
        for (Topics.Topic t : topics.of(UnitScope.prefixOf(unit), month.atDay(1))) {
            LocalDate until = t.closedAt() == null ? to : t.closedAt().atZone(FactChanges.ZONE).toLocalDate();
            topicLines.add(new TopicLine(t, topics.progress(t, until)));
        }
        Content content;
        try {
            content = VertxContextSupport.subscribeAndAwait(() -> compose(unit, month, to, how, by, topicLines));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("report of " + unit + " for " + month + " not composed", e);
        }
        Reports.Issued issued = new Reports.Issued("RPT-" + UUID.randomUUID().toString().substring(0, 13)
                .toUpperCase(), unit, month.atDay(1), how, by, content.generatedAt());
        return reports.add(issued, write(content)) ? Optional.of(new Report(issued, content)) : Optional.empty();
    }

    /** The last day a report of {@code month} covers: the month's, or today for the running month. */
    private LocalDate lastDay(YearMonth month) {
        LocalDate today = LocalDate.now(clock);
        return month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
    }

    public Optional<Report> find(String id) {
        return reports.find(id).map(s -> new Report(s.issued(), read(s.content())));
    }

    /** The reads a report is made of, one after the other (they share one session, which runs one at a time). */
    Uni<Content> compose(String unit, YearMonth month, LocalDate to, String how, String by,
                         List<TopicLine> topicLines) {
        Instant now = clock.instant();
        LocalDate from = month.atDay(1);
        YearMonth before = month.minusMonths(1);
        String prefix = UnitScope.prefixOf(unit);
        UnitCodes.Level level = UnitCodes.level(unit);
        UnitCodes.Level below = level == UnitCodes.Level.GRID ? null : UnitCodes.Level.values()[level.ordinal() - 1];
        Parts parts = new Parts();
        return evaluation.figures(UnitFilter.of(unit, from, to)).invoke(f -> parts.figures = f)
                .chain(() -> evaluation.figures(UnitFilter.of(unit, before.atDay(1), before.atEndOfMonth())))
                .invoke(p -> parts.previous = p)
                .chain(() -> below == null ? Uni.createFrom().item(List.<EvaluationQueries.Ranked>of())
                        : evaluation.ranking(prefix, UnitCodes.codeLength(below), from, to)).invoke(u -> parts.units = u)
                .chain(() -> evaluation.departmentRanking(prefix, from, to)).invoke(d -> parts.departments = top(d))
                .chain(() -> hotspots.counts(prefix, from, to, before.atDay(1))).invoke(h -> parts.hotspots = top(h))
                .chain(() -> hotspots.months(prefix, month.minusMonths(11).atDay(1), to))
                .invoke(t -> parts.trend = totals(month, t))
                .chain(() -> hotspots.repeated(prefix, month.minusMonths(2).atDay(1), to, REPEATED_MIN))
                .invoke(r -> parts.repeated = top(r.stream().map(MonthlyReports::firstCases).toList()))
                .chain(() -> audit.overdue(prefix))
                .map(overdue -> new Content(unit, level.name(), month.toString(), from, to, how, by, now,
                        parts.figures, parts.previous, below == null ? null : below.name(), parts.units,
                        parts.departments, parts.hotspots, parts.trend, parts.repeated, overdue.size(),
                        List.copyOf(overdue.subList(0, Math.min(OVERDUE_NAMED, overdue.size()))), topicLines));
    }

    /** What the reads of {@link #compose} found so far. */
    private static final class Parts {
        EvaluationQueries.Figures figures;
        EvaluationQueries.Figures previous;
        List<EvaluationQueries.Ranked> units;
        List<EvaluationQueries.Ranked> departments;
        List<HotspotQueries.CategoryCount> hotspots;
        List<MonthTotal> trend;
        List<HotspotQueries.RepeatedPlace> repeated;
    }

    /** A repeated place with its newest {@value #TOP} cases named. */
    private static HotspotQueries.RepeatedPlace firstCases(HotspotQueries.RepeatedPlace r) {
        return r.requestIds().size() <= TOP ? r : new HotspotQueries.RepeatedPlace(r.placeKey(), r.latitude(),
                r.longitude(), r.category(), r.gridCode(), r.cases(), r.closed(), r.first(), r.last(),
                r.requestIds().subList(0, TOP), r.proactiveRequestIds());
    }

    private static <T> List<T> top(List<T> all) {
        return List.copyOf(all.subList(0, Math.min(TOP, all.size())));
    }

    /** Every category's reports per month, the 12 months up to {@code month}, oldest first (none: 0). */
    private static List<MonthTotal> totals(YearMonth month, List<HotspotQueries.MonthCount> counts) {
        Map<String, Long> byMonth = new java.util.TreeMap<>();
        for (int i = 11; i >= 0; i--) {
            byMonth.put(month.minusMonths(i).toString(), 0L);
        }
        counts.forEach(c -> byMonth.merge(c.month(), c.cases(), Long::sum));
        List<MonthTotal> totals = new ArrayList<>();
        byMonth.forEach((m, n) -> totals.add(new MonthTotal(m, n)));
        return totals;
    }

    private String write(Content content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report not written as JSON", e);
        }
    }

    private Content read(String content) {
        try {
            return json.readValue(content, Content.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report not read", e);
        }
    }

}
