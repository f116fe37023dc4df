package org.gridloop.reportin.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

/** The department directory, as the write path checks it (re-route targets must be in it). */
@ApplicationScoped
public class Departments {

    private final Sql sql;
    private final String exists;

    Departments(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.exists = "SELECT count(*) FROM " + database.schema() + ".department WHERE code = ?";
    }

    public boolean exists(String code) {
        return sql.one(exists, row -> row.getLong(1), code).orElse(0L) > 0;
    }
}
