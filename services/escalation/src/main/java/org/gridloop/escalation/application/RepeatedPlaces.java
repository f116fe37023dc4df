package org.gridloop.escalation.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.contracts.UnitCodes;
import org.gridloop.escalation.domain.FactChanges;
import org.gridloop.escalation.repository.AuditQueries;
import org.gridloop.escalation.repository.HotspotQueries;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;
import org.gridloop.platform.background.Background;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * 未诉先办 at a street's, a district's and the city's scale: their repeated places over the default window
 * ({@link #DAYS} days, {@link #MIN} reports or more) are counted every {@code gridloop.hotspots.count-every} (default
 * 10 minutes) by one instance at a time and kept in {@code repeated_place_list}; the API serves a list counted today
 * and at most {@code gridloop.hotspots.counted-max-age} ago (default 30 minutes), saying when, and counts anything
 * else (a community's, a grid's, another window) when asked. Counting a district of 2 000 grids reads ~1 M facts
 * (seconds), a street of 50 grids ~30 000 (a quarter of a second); serving a list reads one row.
 */
@ApplicationScoped
public class RepeatedPlaces {

    private static final Logger LOG = Logger.getLogger(RepeatedPlaces.class);
    public static final int DAYS = 90;
    public static final int MIN = 3;
    private static final TypeReference<List<HotspotQueries.Place>> PLACES = new TypeReference<>() {
    };

    /** A list as counted: its window, when, and the places. */
    public record Counted(LocalDate since, LocalDate until, Instant countedAt, List<HotspotQueries.Place> places) {
    }

    private final HotspotQueries hotspots;
    private final Sql sql;
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final String schema;
    private final Duration countEvery;
    private final Duration maxAge;
    private final Clock clock = Clock.system(FactChanges.ZONE);
    private ScheduledExecutorService counting;

    RepeatedPlaces(HotspotQueries hotspots, Sql sql, AgroalDataSource dataSource, ObjectMapper json,
                   DatabaseConfig database,
                   @ConfigProperty(name = "gridloop.hotspots.count-every", defaultValue = "PT10M") Duration countEvery,
                   @ConfigProperty(name = "gridloop.hotspots.counted-max-age", defaultValue = "PT30M")
                   Duration maxAge) {
        this.hotspots = hotspots;
        this.sql = sql;
        this.dataSource = dataSource;
        this.json = json;
        this.schema = database.schema();
        this.countEvery = countEvery;
        this.maxAge = maxAge;
    }

    void start(@Observes StartupEvent ignored) {
        counting = Background.every("repeated-places", countEvery, countEvery, () -> {
            try {
                countAll();
            } catch (RuntimeException e) {
                LOG.warnf(e, "the streets', districts' and the city's repeated places not counted; next try in %s",
                        countEvery);
            }
        });
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (counting != null) {
            counting.shutdownNow();
        }
    }

    /** Whether a request for {@code unit}'s repeated places over {@code days} and {@code min} is served counted. */
    public static boolean counted(String unit, int days, int min) {
        UnitCodes.Level level = UnitCodes.level(unit);
        return days == DAYS && min == MIN && (level == UnitCodes.Level.STREET || level == UnitCodes.Level.DISTRICT
                || level == UnitCodes.Level.CITY);
    }

    /** The list of the unit (its code prefix) counted today and within the maximum age, if there is one. */
    @WithSession
    public Uni<Optional<Counted>> fresh(String unitPrefix) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        return Panache.getSession().chain(s -> s.createNativeQuery("SELECT since, until, counted_at, places::text FROM "
                        + schema + ".repeated_place_list WHERE unit = :unit AND until = :today AND since = :since "
                        + "AND min_cases = :min AND counted_at > :after", Object[].class)
                .setParameter("unit", unitPrefix).setParameter("today", today).setParameter("since", since(today))
                .setParameter("min", MIN).setParameter("after", now.minus(maxAge)).getResultList())
                .map(rows -> rows.stream().findFirst().map(r -> new Counted(AuditQueries.date(r[0]),
                        AuditQueries.date(r[1]), AuditQueries.instant(r[2]), read((String) r[3]))));
    }

    /**
     * Counts the list of every street and district with facts in the window and of the city, one instance at a time (a
     * session lock another instance's try skips); returns how many lists it stored, -1 when another instance holds
     * the lock.
     */
    public int countAll() {
        LocalDate today = LocalDate.now(clock);
        LocalDate since = since(today);
        try (Connection lock = dataSource.getConnection(); Statement st = lock.createStatement()) {
            String key = "hashtext('" + schema + ".repeated_place_list')";
            try (ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + key + ")")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return -1;
                }
            }
            try {
                // the streets, districts and cities with reports in the window, from the month roll-ups of the report
                // counts (and those whose first reports the fold has not reached yet)
                List<String> units = sql.list("SELECT unit FROM " + schema + ".category_rollup WHERE grain = 'M' "
                                + "AND start >= ? AND length(unit) IN (4, 6, 9) UNION SELECT left(grid_code, l) FROM "
                                + schema + ".category_delta CROSS JOIN (VALUES (4), (6), (9)) AS v(l) WHERE day >= ? "
                                + "AND length(grid_code) >= 9 ORDER BY 1", r -> r.getString(1),
                        since.withDayOfMonth(1), since);
                int stored = 0;
                for (String unit : units) {
                    stored += count(unit, since, today) ? 1 : 0;
                }
                return stored;
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + key + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean count(String unit, LocalDate since, LocalDate until) {
        try {
            List<HotspotQueries.Place> places = VertxContextSupport.subscribeAndAwait(() ->
                    hotspots.places(unit, since, until, MIN));
            sql.update("INSERT INTO " + schema + ".repeated_place_list (unit, since, until, min_cases, counted_at, "
                            + "places) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (unit) DO UPDATE SET "
                            + "since = EXCLUDED.since, until = EXCLUDED.until, min_cases = EXCLUDED.min_cases, "
                            + "counted_at = EXCLUDED.counted_at, places = EXCLUDED.places",
                    unit, since, until, MIN, clock.instant(), json.writeValueAsString(places));
            return true;
        } catch (Throwable e) {
            LOG.warnf(e, "repeated places of %s not counted; next try in %s", unit, countEvery);
            return false;
        }
    }

    static LocalDate since(LocalDate today) {
        return today.minusDays(DAYS - 1L);
    }

    private List<HotspotQueries.Place> read(String text) {
        try {
            return json.readValue(text, PLACES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored list of repeated places does not read back", e);
        }
    }
}
