package org.gridloop.platform.db;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTest {

    @Test
    void aConnectionLostOrADatabaseStartingIsAnOutage() {
        // what the fault run's PostgreSQL restart produced: the JDBC driver's I/O error, wrapped by Sql
        assertThat(DatabaseUnavailable.test(new IllegalStateException("step failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).isTrue();
        assertThat(DatabaseUnavailable.test(
                new SQLException("FATAL: the database system is not yet accepting connections", "57P03"))).isTrue();
        assertThat(DatabaseUnavailable.test(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseUnavailable.test(new RuntimeException(new ConnectException("Connection refused"))))
                .isTrue();
    }

    @Test
    void badDataAndBugsAreNot() {
        assertThat(DatabaseUnavailable.test(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.test(new SQLException("could not serialize access", "40001"))).isFalse();
        assertThat(DatabaseUnavailable.test(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnavailable.test(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseUnavailable.test(null)).isFalse();
    }
}
