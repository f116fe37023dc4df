package org.gridloop.platform.engine;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.gridloop.infra.Postgres;
import org.gridloop.infra.SharedInfra;
import org.gridloop.platform.db.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine schema recorded at one history level is moved to the configured one before the engine starts (the
 * engine would refuse the mismatch): a real Camunda schema in the tests' embedded PostgreSQL.
 */
class ProcessEnginesIT {

    private static final String SCHEMA = "history_it_engine";

    private static AgroalDataSource dataSource;
    private static Sql sql;

    @BeforeAll
    static void connect() throws SQLException {
        Postgres postgres = SharedInfra.get().postgres();
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(4)
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(postgres.jdbcUrl() + "?currentSchema=" + SCHEMA)
                                .principal(new NamePrincipal(postgres.user()))
                                .credential(new SimplePassword(postgres.password())))));
        sql = new Sql(dataSource);
    }

    @AfterAll
    static void close() {
        if (dataSource != null) {
            dataSource.close();
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

    private static String historyLevel() {
        return sql.one("SELECT value_ FROM " + SCHEMA + ".act_ge_property WHERE name_ = 'historyLevel'",
                row -> row.getString(1)).orElseThrow();
    }

    private static ProcessEngine engine(String history) {
        StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
        c.setDataSource(dataSource);
        c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        c.setDatabaseSchema(SCHEMA);
        c.setDatabaseTablePrefix(SCHEMA + ".");
        c.setHistory(history);
        c.setJobExecutorActivate(false);
        c.setProcessEngineName("history-it-" + history);
        return c.buildProcessEngine();
    }
}
