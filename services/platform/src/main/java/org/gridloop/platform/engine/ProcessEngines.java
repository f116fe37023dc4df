package org.gridloop.platform.engine;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.TransactionManager;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.JakartaTransactionProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.gridloop.platform.background.Background;
import org.gridloop.platform.db.Sql;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The service's embedded Camunda 7 engine, wired by the project (no Camunda Quarkus extension): Camunda's Jakarta
 * JTA configuration on Quarkus's Narayana transaction manager and the service's Agroal datasource, so an engine
 * command joins the transaction it is called in. A step of the loop (a person's action or a consumed event) opens
 * one JTA transaction in which the business record (JDBC on the same datasource), the engine's command and the
 * outbox all write, and which commits once.
 *
 * <p>Built eagerly at startup (creating or updating the engine's tables, then deploying the service's processes
 * from bpmn/), stopped on shutdown after its job executor finished or gave up the running timers. Everything that
 * names Camunda lives here and in the services' {@code process/} adapters.
 */
@ApplicationScoped
public class ProcessEngines {

    private static final Logger LOG = Logger.getLogger(ProcessEngines.class);

    private final EngineConfig config;
    private final AgroalDataSource dataSource;
    private final TransactionManager transactions;
    private final Sql sql;
    private final String application;
    private final ProcessTrail trail;
    private volatile ProcessEngine engine;
    private ScheduledExecutorService trailCleanup;

    ProcessEngines(EngineConfig config, AgroalDataSource dataSource, TransactionManager transactions, Sql sql) {
        this.config = config;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.sql = sql;
        this.application = config.name();
        this.trail = new ProcessTrail(sql, config.schema(), ProcessTrail.LEVEL.equals(config.history()));
    }

    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent startup) {
        engine();
        if (trail.kept()) {
            trailCleanup = Background.every("process-trail-cleanup", Duration.ofMinutes(1), Duration.ofHours(1),
                    this::removeExpiredTrails);
        }
    }

    /**
     * Trails past their time to live, a thousand per statement, each statement its own transaction (a chore: a
     * failure waits for the next hour).
     */
    void removeExpiredTrails() {
        try {
            int removed = Background.inBatches(1000, () -> trail.removeExpired(Instant.now(), 1000));
            if (removed > 0) {
                LOG.infof("removed %d process trails past their time to live", removed);
            }
        } catch (RuntimeException e) {
            LOG.warnf("process trails not cleaned up this hour: %s", e.getMessage());
        }
    }

    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent shutdown) {
        if (trailCleanup != null) {
            trailCleanup.shutdownNow();
        }
        ProcessEngine running = engine;
        if (running != null) {
            engine = null;
            // stops acquiring timers and waits (bounded) for the running ones, then closes the engine
            running.close();
        }
    }

    @Produces
    @Singleton
    ProcessEngine processEngine() {
        return engine();
    }

    @Produces
    @Singleton
    RuntimeService runtimeService() {
        return engine().getRuntimeService();
    }

    @Produces
    @Singleton
    RepositoryService repositoryService() {
        return engine().getRepositoryService();
    }

    @Produces
    @Singleton
    HistoryService historyService() {
        return engine().getHistoryService();
    }

    @Produces
    @Singleton
    ProcessTrail processTrail() {
        return trail;
    }

    @Produces
    @Singleton
    ManagementService managementService() {
        return engine().getManagementService();
    }

    @Produces
    @Singleton
    DecisionService decisionService() {
        return engine().getDecisionService();
    }

    private ProcessEngine engine() {
        ProcessEngine built = engine;
        if (built == null) {
            synchronized (this) {
                built = engine;
                if (built == null) {
                    built = build();
                    deploy(built);
                    engine = built;
                }
            }
        }
        return built;
    }

    private ProcessEngine build() {
        JakartaTransactionProcessEngineConfiguration c = new JakartaTransactionProcessEngineConfiguration();
        c.setProcessEngineName(application);
        c.setDataSource(dataSource);
        c.setTransactionManager(transactions);
        c.setTransactionsExternallyManaged(true);
        c.setDatabaseSchemaUpdate("true");
        c.setDatabaseSchema(config.schema());
        c.setDatabaseTablePrefix(config.schema() + ".");
        keepHistory(c, config.history(), trail);
        // ids from UUIDs, not from blocks reserved in ACT_GE_PROPERTY (each block is a transaction of its own)
        c.setIdGenerator(new StrongUuidGenerator());
        leanerSessions(c);
        c.setJdbcBatchProcessing(true);
        c.setBeans(new NamedBeans());
        c.setEnforceHistoryTimeToLive(false);
        // engine metrics stay in memory (read by the service's metrics); nothing is flushed to the database
        c.setMetricsEnabled(true);
        c.setDbMetricsReporterActivate(false);
        c.setCmmnEnabled(false);
        cleanUpHistoryByEndTime(c);
        c.setHistoryCleanupBatchWindowStartTime(config.historyCleanup().windowStart());
        c.setHistoryCleanupBatchWindowEndTime(config.historyCleanup().windowEnd());
        c.setJobExecutorActivate(config.jobExecutor().enabled());
        c.setJobExecutor(new EngineJobExecutor(config.jobExecutor()));
        long t0 = System.nanoTime();
        if (QuarkusTransaction.requiringNew().call(() -> alignHistoryLevel(sql, config.schema(), config.history()))) {
            LOG.warnf("engine schema %s moved to history level %s", config.schema(), config.history());
        }
        if (trail.kept()) {
            // committed before the engine starts: its job executor may run a due timer as soon as it is built
            QuarkusTransaction.requiringNew().run(() -> {
                sql.one("SELECT pg_advisory_xact_lock(hashtext(?))", row -> Boolean.TRUE,
                        "gridloop-engine-schema:" + config.schema());
                trail.create();
            });
        }
        // in one transaction: the bootstrap reads table metadata through a connection of its own command, then
        // runs nested commands that join a JTA transaction; Agroal refuses to enlist a connection taken before it
        ProcessEngine built = QuarkusTransaction.requiringNew().timeout(600).call(() -> {
            // replicas starting together on a fresh database would both create the engine's tables (one fails on
            // a duplicate type, as the two-instance fault run saw): the first builds, the others wait for its
            // commit and find the tables there
            sql.one("SELECT pg_advisory_xact_lock(hashtext(?))", row -> Boolean.TRUE,
                    "gridloop-engine-schema:" + config.schema());
            return c.buildProcessEngine();
        });
        LOG.infof("process engine %s up in %d ms (schema %s, history %s)", application,
                (System.nanoTime() - t0) / 1_000_000, config.schema(), config.history());
        return built;
    }

    /**
     * Camunda's history level, or the trail ({@link ProcessTrail}): the activity level's events, written by the trail
     * instead of Camunda's database handler.
     */
    static void keepHistory(ProcessEngineConfigurationImpl c, String history, ProcessTrail trail) {
        if (ProcessTrail.LEVEL.equals(history)) {
            c.setHistory(ProcessEngineConfiguration.HISTORY_ACTIVITY);
            c.setEnableDefaultDbHistoryEventHandler(false);
            c.setCustomHistoryEventHandlers(List.of(trail));
            addSessionFactories(c, trail);
        } else {
            c.setHistory(history);
        }
    }

    /**
     * History is removed by its process's end time plus the definition's time to live (in the daily window set beside
     * it), and no removal time is written. Camunda's default (a removal time per history row, set when the process
     * ends) updates every history table of the instance at its end: 16 UPDATE statements per closed case, one of them
     * over all its activity rows, ~3–4 % of PostgreSQL's statement time in a 10/s step with every statement logged
     * (tools/simulator/results/experiments/2026-12-06-statements). Removal time set at the start instead would cost
     * nothing at the end but remove the history of a case still open after its time to live; by end time, a running
     * case keeps its history whatever its age.
     */
    static void cleanUpHistoryByEndTime(ProcessEngineConfigurationImpl c) {
        c.setHistoryCleanupStrategy(ProcessEngineConfiguration.HISTORY_CLEANUP_STRATEGY_END_TIME_BASED);
        c.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_NONE);
    }

    /**
     * Two of Camunda's sessions with a statement or a string less per row: inserts check the new row's id without
     * building an error message first ({@link IdCheckedCheaply}), and a message subscription is deleted without
     * asking for asynchronous event jobs no message ever has ({@link MessageSubscriptions}).
     */
    static void leanerSessions(ProcessEngineConfigurationImpl c) {
        addSessionFactories(c, new IdCheckedCheaply(), new MessageSubscriptions());
    }

    /** Adds to the custom session factories already set (none by default). */
    private static void addSessionFactories(ProcessEngineConfigurationImpl c, SessionFactory... added) {
        List<SessionFactory> factories = new ArrayList<>(c.getCustomSessionFactories() == null ? List.of()
                : c.getCustomSessionFactories());
        factories.addAll(List.of(added));
        c.setCustomSessionFactories(factories);
    }

    /**
     * The engine refuses to start when its schema records another history level than configured ("historyLevel
     * mismatch"). A level chosen for what the service reads (see {@link EngineConfig#history}) is a deliberate
     * change, so an existing schema is moved to it here; history written under the old level stays and is cleaned
     * up by its time to live. A fresh schema has no such row yet and is created at the configured level. True when
     * the schema was moved.
     */
    static boolean alignHistoryLevel(Sql sql, String schema, String history) {
        String level = Integer.toString(HistoryLevels.id(history));
        boolean exists = sql.one("SELECT to_regclass(?) IS NOT NULL", row -> row.getBoolean(1),
                schema + ".act_ge_property").orElse(false);
        return exists && sql.update("UPDATE " + schema + ".act_ge_property SET value_ = ? "
                + "WHERE name_ = 'historyLevel' AND value_ <> ?", level, level) > 0;
    }

    /** Camunda's ids of its history levels, as stored in {@code act_ge_property}. */
    static final class HistoryLevels {

        private HistoryLevels() {
        }

        static int id(String name) {
            return switch (name) {
                case "none" -> org.camunda.bpm.engine.impl.history.HistoryLevel.HISTORY_LEVEL_NONE.getId();
                case "activity", ProcessTrail.LEVEL ->
                        org.camunda.bpm.engine.impl.history.HistoryLevel.HISTORY_LEVEL_ACTIVITY.getId();
                case "audit" -> org.camunda.bpm.engine.impl.history.HistoryLevel.HISTORY_LEVEL_AUDIT.getId();
                case "full" -> org.camunda.bpm.engine.impl.history.HistoryLevel.HISTORY_LEVEL_FULL.getId();
                default -> throw new IllegalArgumentException(
                        "gridloop.engine.history must be none, trail, activity, audit or full, not " + name);
            };
        }
    }

    /** Unchanged files are not deployed again (duplicate filtering), so a restart keeps the running versions. */
    private void deploy(ProcessEngine built) {
        if (config.processes().isEmpty() || config.processes().get().isEmpty()) {
            return;
        }
        DeploymentBuilder deployment = built.getRepositoryService().createDeployment()
                .name(application)
                .source(application)
                .enableDuplicateFiltering(true);
        for (String resource : config.processes().get()) {
            deployment.addClasspathResource("processes/" + resource);
        }
        LOG.infof("deployed %s as %s", config.processes().get(), deployment.deploy().getId());
    }
}
