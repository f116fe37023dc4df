package org.gridloop.reportin.repository;

import jakarta.enterprise.context.ApplicationScoped;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The department directory, as the write path checks it (re-route targets must be in it) and names a department's
 * unit on its missed limits.
 */
@ApplicationScoped
public class Departments {

    /** A district that leads a case no routing rule matched ({@code Routing}), whether in the directory or not. */
    private static final Pattern DISTRICT_OFFICE = Pattern.compile("district-(\\d{6})");

    private final Sql sql;
    private final String exists;
    private final String unit;

    Departments(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        this.exists = "SELECT count(*) FROM " + database.schema() + ".department WHERE code = ?";
        this.unit = "SELECT unit FROM " + database.schema() + ".department WHERE code = ?";
    }

    /**
     * The unit a department belongs to: a district's code, or the city's (the directory's {@code unit}); a district
     * office the directory does not list belongs to its district; empty for a code nobody knows.
     */
    public Optional<String> unitOf(String code) {
        Optional<String> listed = sql.one(unit, row -> row.getString(1), code);
        if (listed.isPresent()) {
            return listed;
        }
        var district = DISTRICT_OFFICE.matcher(code == null ? "" : code);
        return district.matches() ? Optional.of(district.group(1)) : Optional.empty();
    }

    public boolean exists(String code) {
        return sql.one(exists, row -> row.getLong(1), code).orElse(0L) > 0;
    }
}
