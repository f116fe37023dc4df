package org.gridloop.platform.db;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means the database cannot be reached right now (a restart, a failover, a network cut): the
 * request did nothing and may be sent again shortly. SQLSTATE class 08 (connection exception: "An I/O error occurred
 * while sending to the backend" is 08006) and 57P (operator intervention: shutting down, "not yet accepting
 * connections"), on JDBC or on the reactive client, a refused or closed connection, a pool that could not connect.
 * Anything else is a bug or bad data, not an outage.
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {
    }

    public static boolean test(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLTransientConnectionException || e instanceof ConnectException
                    || e instanceof ClosedConnectionException
                    || e instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (e instanceof SQLException sql && outage(sql.getSQLState())
                    || e instanceof DatabaseException db && outage(db.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean outage(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P"));
    }
}
