package org.gridloop.platform.engine;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.gridloop.infra.Postgres;
import org.gridloop.infra.SharedInfra;
import org.gridloop.platform.db.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's history settings on a real Camunda schema in the tests' embedded PostgreSQL: a schema recorded at one
 * history level is moved to the configured one before the engine starts (the engine would refuse the mismatch), and
 * history is cleaned up by end time without a removal time written.
 */
class ProcessEnginesIT {

    private static final String SCHEMA = "history_it_engine";
    private static final String CLEANUP_SCHEMA = "history_cleanup_it_engine";
    /** The sessions' tests: their own schema, so their process instances are not in the cleanup test's history. */
    private static final String SESSIONS_SCHEMA = "sessions_it_engine";
    /** The trail's tests: a schema first at the activity level (an instance from before the trail), then the trail. */
    private static final String TRAIL_SCHEMA = "trail_it_engine";

    private static AgroalDataSource dataSource;
    private static AgroalDataSource cleanupDataSource;
    private static AgroalDataSource sessionsDataSource;
    private static AgroalDataSource trailDataSource;
    private static Sql sql;

    @BeforeAll
    static void connect() throws SQLException {
        Postgres postgres = SharedInfra.get().postgres();
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            for (String schema : List.of(SCHEMA, CLEANUP_SCHEMA, SESSIONS_SCHEMA, TRAIL_SCHEMA)) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                s.execute("CREATE SCHEMA " + schema);
            }
        }
        dataSource = dataSource(postgres, SCHEMA);
        cleanupDataSource = dataSource(postgres, CLEANUP_SCHEMA);
        sessionsDataSource = dataSource(postgres, SESSIONS_SCHEMA);
        trailDataSource = dataSource(postgres, TRAIL_SCHEMA);
        sql = new Sql(dataSource);
    }

    /** The engine creates its tables in the connection's current schema and names them with the prefix. */
    private static AgroalDataSource dataSource(Postgres postgres, String schema) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(4)
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(postgres.jdbcUrl() + "?currentSchema=" + schema)
                                .principal(new NamePrincipal(postgres.user()))
                                .credential(new SimplePassword(postgres.password())))));
    }

    @AfterAll
    static void close() {
        for (AgroalDataSource pool : new AgroalDataSource[] {dataSource, cleanupDataSource, sessionsDataSource,
            trailDataSource}) {
            if (pool != null) {
                pool.close();
            }
        }
    }

    @Test
    void anExistingSchemaAtAnotherHistoryLevelIsMovedToTheConfiguredOne() {
        assertThat(ProcessEngines.alignHistoryLevel(sql, SCHEMA, "none"))
                .as("no engine schema yet: nothing to move").isFalse();
        engine("full").close();
        assertThat(historyLevel()).isEqualTo("3");

        assertThat(ProcessEngines.alignHistoryLevel(sql, SCHEMA, "none")).isTrue();

        assertThat(historyLevel()).isEqualTo("0");
        // the engine at the configured level starts on the moved schema (without the move: "historyLevel mismatch")
        engine("none").close();
        assertThat(ProcessEngines.alignHistoryLevel(sql, SCHEMA, "none")).as("already there").isFalse();
    }

    @Test
    void theEngineInsertsThroughTheEntityManagerThatChecksIdsCheaply() {
        ProcessEngine engine = engine(sessionsDataSource, SESSIONS_SCHEMA, "activity", ProcessEngines::leanerSessions);
        try {
            engine.getRepositoryService().createDeployment()
                    .addModelInstance("cheap-ids.bpmn", Bpmn.createExecutableProcess("cheap-ids")
                            .camundaHistoryTimeToLive(1).startEvent().receiveTask().message("go").endEvent().done())
                    .deploy();
            String id = engine.getRuntimeService().startProcessInstanceByKey("cheap-ids", "case-1",
                    Map.of("category", "noise")).getId();

            assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getSessionFactories()
                    .get(DbEntityManager.class)).isInstanceOf(IdCheckedCheaply.class);
            assertThat(engine.getRuntimeService().getVariable(id, "category")).isEqualTo("noise");
            engine.getRuntimeService().createMessageCorrelation("go").processInstanceBusinessKey("case-1").correlate();
            assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count()).isZero();
        } finally {
            engine.close();
        }
    }

    @Test
    void aMessageSubscriptionIsDeletedWithoutAskingForEventJobsAndASignalsStillAsks() {
        List<String> statements = new CopyOnWriteArrayList<>();
        ProcessEngine engine = engine(recording(sessionsDataSource, statements), SESSIONS_SCHEMA, "activity",
                ProcessEngines::leanerSessions);
        try {
            engine.getRepositoryService().createDeployment()
                    .addModelInstance("on-message.bpmn", Bpmn.createExecutableProcess("on-message")
                            .camundaHistoryTimeToLive(1).startEvent().receiveTask().message("arrived").endEvent()
                            .done())
                    .addModelInstance("on-signal.bpmn", Bpmn.createExecutableProcess("on-signal")
                            .camundaHistoryTimeToLive(1).startEvent().intermediateCatchEvent().signal("rang")
                            .endEvent().done())
                    .deploy();
            RuntimeService runtime = engine.getRuntimeService();
            String onMessage = runtime.startProcessInstanceByKey("on-message", "case-2").getId();
            String onSignal = runtime.startProcessInstanceByKey("on-signal", "case-3").getId();

            statements.clear();
            runtime.createMessageCorrelation("arrived").processInstanceBusinessKey("case-2").correlate();
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(onMessage).count()).isZero();
            assertThat(statements).as("the message's subscription deleted without the event-job query")
                    .noneMatch(ProcessEnginesIT::asksForEventJobs);

            statements.clear();
            runtime.deleteProcessInstance(onSignal, "test");
            assertThat(statements).as("a signal's subscription deleted as Camunda does")
                    .anyMatch(ProcessEnginesIT::asksForEventJobs);
        } finally {
            engine.close();
        }
    }

    private static boolean asksForEventJobs(String statement) {
        String sql = statement.toUpperCase(Locale.ROOT);
        return sql.contains("ACT_RU_JOB") && sql.contains("HANDLER_CFG_");
    }

    /** The pool, with every statement the engine prepares added to the list. */
    private static DataSource recording(AgroalDataSource pool, List<String> statements) {
        return (DataSource) Proxy.newProxyInstance(ProcessEnginesIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(pool, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(ProcessEnginesIT.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql) {
                                    statements.add(sql);
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void historyIsRemovedByItsEndTimeAndACaseStillOpenKeepsItsHistory() {
        ProcessEngine engine = engine(cleanupDataSource, CLEANUP_SCHEMA, "activity", c -> {
            ProcessEngines.cleanUpHistoryByEndTime(c);
            // the engine leaves fewer than 10 removable instances for a later run; this test has one
            c.setHistoryCleanupBatchThreshold(1);
        });
        try {
            engine.getRepositoryService().createDeployment()
                    .addModelInstance("ends.bpmn", Bpmn.createExecutableProcess("ends").camundaHistoryTimeToLive(1)
                            .startEvent().endEvent().done())
                    .addModelInstance("waits.bpmn", Bpmn.createExecutableProcess("waits").camundaHistoryTimeToLive(1)
                            .startEvent().receiveTask().message("go").endEvent().done())
                    .deploy();
            RuntimeService runtime = engine.getRuntimeService();
            ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(3))));
            String endedLongAgo = runtime.startProcessInstanceByKey("ends").getId();
            String openLongSince = runtime.startProcessInstanceByKey("waits").getId();
            ClockUtil.reset();
            String endedNow = runtime.startProcessInstanceByKey("ends").getId();
            assertThat(rows(CLEANUP_SCHEMA + ".act_hi_actinst WHERE removal_time_ IS NOT NULL")
                    + rows(CLEANUP_SCHEMA + ".act_hi_procinst WHERE removal_time_ IS NOT NULL"))
                    .as("no removal time written").isZero();

            Job cleanup = engine.getHistoryService().cleanUpHistoryAsync(true);
            engine.getManagementService().executeJob(cleanup.getId());

            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().list())
                    .extracting(HistoricProcessInstance::getId)
                    .as("ended past its time to live: removed; ended today, or open past it: kept")
                    .containsExactlyInAnyOrder(openLongSince, endedNow);
            assertThat(rows(CLEANUP_SCHEMA + ".act_hi_actinst WHERE proc_inst_id_ = '" + endedLongAgo + "'")).isZero();
            assertThat(rows(CLEANUP_SCHEMA + ".act_hi_actinst WHERE proc_inst_id_ = '" + openLongSince + "'"))
                    .as("the open case's steps done").isEqualTo(2);
        } finally {
            ClockUtil.reset();
            engine.close();
        }
    }

    @Test
    void theTrailKeepsEachInstancesStepsInOneRowWrittenInTheCommandsTransaction() {
        // the same schema first at the activity level: one instance starts with Camunda's history
        ProcessEngine before = engine(trailDataSource, TRAIL_SCHEMA, "activity", c -> {
        });
        String fromBefore;
        try {
            deployTrailProcess(before);
            fromBefore = before.getRuntimeService().startProcessInstanceByKey("trail", "r-0").getId();
        } finally {
            before.close();
        }
        ProcessTrail trail = new ProcessTrail(new Sql(trailDataSource), TRAIL_SCHEMA, true);
        ProcessEngine engine = engine(trailDataSource, TRAIL_SCHEMA, ProcessTrail.LEVEL,
                c -> ProcessEngines.keepHistory(c, ProcessTrail.LEVEL, trail));
        try {
            trail.create();
            RuntimeService runtime = engine.getRuntimeService();
            long history = rows(TRAIL_SCHEMA + ".act_hi_actinst") + rows(TRAIL_SCHEMA + ".act_hi_procinst");

            String id = runtime.startProcessInstanceByKey("trail", "r-1").getId();

            ProcessTrail.Trail started = trail.latest("r-1", "trail").orElseThrow();
            assertThat(started.processInstanceId()).isEqualTo(id);
            assertThat(started.startedAt()).isNotNull();
            assertThat(started.endedAt()).isNull();
            assertThat(started.completedActivityIds()).containsExactly("begin", "note", "which");
            assertThat(started.activeActivityIds()).containsExactly("go");
            assertThat(rows(TRAIL_SCHEMA + ".act_hi_actinst") + rows(TRAIL_SCHEMA + ".act_hi_procinst"))
                    .as("no row in Camunda's history tables").isEqualTo(history);
            assertThat(rows(TRAIL_SCHEMA + "." + ProcessTrail.TABLE)).as("one row per instance").isEqualTo(1);

            // a command that fails after the receive task ended leaves the trail as it was
            assertThatThrownBy(() -> runtime.createMessageCorrelation("go").processInstanceBusinessKey("r-1")
                    .setVariable("fail", true).correlate()).hasMessageContaining("refused");
            assertThat(trail.latest("r-1", "trail").orElseThrow()).isEqualTo(started);

            runtime.createMessageCorrelation("go").processInstanceBusinessKey("r-1").setVariable("fail", false)
                    .correlate();

            ProcessTrail.Trail moved = trail.latest("r-1", "trail").orElseThrow();
            assertThat(moved.completedActivityIds()).containsExactly("begin", "note", "which", "go", "check");
            assertThat(moved.activeActivityIds()).as("the receive task that ended left").containsExactly("done");
            assertThat(moved.endedAt()).isNull();

            runtime.createMessageCorrelation("done").processInstanceBusinessKey("r-1").correlate();

            ProcessTrail.Trail ended = trail.latest("r-1", "trail").orElseThrow();
            assertThat(ended.endedAt()).isNotNull();
            assertThat(ended.completedActivityIds())
                    .containsExactly("begin", "note", "which", "go", "check", "done", "end");
            assertThat(ended.activeActivityIds()).isEmpty();
            assertThat(sql.one("SELECT remove_at - ended_at = interval '1 day' FROM " + TRAIL_SCHEMA + "."
                    + ProcessTrail.TABLE + " WHERE process_instance_id = ?", row -> row.getBoolean(1), id))
                    .as("removed a day (the definition's time to live) after its end").contains(true);

            // the instance from before: its later steps in a trail without a start or a business key
            runtime.createMessageCorrelation("go").processInstanceBusinessKey("r-0").setVariable("fail", false)
                    .correlate();
            runtime.createMessageCorrelation("done").processInstanceBusinessKey("r-0").correlate();
            ProcessTrail.Trail later = trail.of(fromBefore).orElseThrow();
            assertThat(later.startedAt()).as("its start is in Camunda's history").isNull();
            assertThat(later.businessKey()).as("from its end").isEqualTo("r-0");
            assertThat(trail.latest("r-0", "trail")).contains(later);
            assertThat(later.endedAt()).isNotNull();
            assertThat(later.completedActivityIds()).containsExactly("go", "check", "done", "end");

            assertThat(trail.removeExpired(Instant.now(), 1000)).as("nothing past its time to live yet").isZero();
            String fromBeforesHistory = TRAIL_SCHEMA + ".act_hi_actinst WHERE proc_inst_id_ = '" + fromBefore + "'";
            assertThat(rows(fromBeforesHistory)).as("its steps before the trail, the one it waited in too")
                    .isEqualTo(4);
            assertThat(trail.removeExpired(Instant.now().plus(Duration.ofDays(2)), 1000)).isEqualTo(2);
            assertThat(trail.of(id)).isEmpty();
            assertThat(rows(fromBeforesHistory) + rows(TRAIL_SCHEMA + ".act_hi_procinst WHERE id_ = '" + fromBefore
                    + "'")).as("Camunda's history of the instance from before, which never saw its end: removed too")
                    .isZero();
        } finally {
            engine.close();
        }
    }

    /** start, a service task, a gateway, a receive task, a service task that refuses when told to, a receive task. */
    private static void deployTrailProcess(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment()
                .addModelInstance("trail.bpmn", Bpmn.createExecutableProcess("trail").camundaHistoryTimeToLive(1)
                        .startEvent("begin")
                        .serviceTask("note").camundaExpression("${true}")
                        .exclusiveGateway("which")
                        .receiveTask("go").message("go")
                        .serviceTask("check")
                        .camundaExpression("${fail ? execution.getProcessEngine().getRuntimeService()"
                                + ".getActiveActivityIds('refused') : true}")
                        .receiveTask("done").message("done")
                        .endEvent("end").done())
                .deploy();
    }

    private static long rows(String tableAndCondition) {
        return sql.one("SELECT count(*) FROM " + tableAndCondition, row -> row.getLong(1)).orElseThrow();
    }

    private static String historyLevel() {
        return sql.one("SELECT value_ FROM " + SCHEMA + ".act_ge_property WHERE name_ = 'historyLevel'",
                row -> row.getString(1)).orElseThrow();
    }

    private static ProcessEngine engine(String history) {
        return engine(dataSource, SCHEMA, history, c -> {
        });
    }

    private static ProcessEngine engine(DataSource pool, String schema, String history,
                                        Consumer<ProcessEngineConfigurationImpl> settings) {
        StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
        c.setDataSource(pool);
        c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        c.setDatabaseSchema(schema);
        c.setDatabaseTablePrefix(schema + ".");
        c.setHistory(history);
        c.setEnforceHistoryTimeToLive(false);
        c.setJobExecutorActivate(false);
        c.setProcessEngineName(schema + "-" + history);
        settings.accept(c);
        return c.buildProcessEngine();
    }
}
