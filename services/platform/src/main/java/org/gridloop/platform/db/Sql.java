package org.gridloop.platform.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL on the service's JDBC datasource, for the write path. Inside a JTA transaction every call uses the
 * transaction's one connection (Agroal enlists it), the one the process engine and the outbox write through, so a
 * step's record change, engine command and events commit together. Arguments bind by position: {@link Instant} as a
 * timestamp, a {@link Collection} of strings as {@code text[]}, enums by name, null as SQL NULL.
 */
@ApplicationScoped
public class Sql {

    /** Reads one row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    public Sql(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            return update(c, sql, args);
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    /** One statement on a connection the caller holds (e.g. the process engine's, in its command). */
    public static int update(Connection c, String sql, Object... args) {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, args);
            try (ResultSet rs = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new DataAccessException(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... args) {
        List<T> rows = list(sql, row, args);
        if (rows.size() > 1) {
            throw new IllegalStateException("more than one row: " + sql);
        }
        return rows.stream().findFirst();
    }

    /** One statement, many argument rows, sent as one batch (the driver rewrites inserts into one). */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(c, s, args);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new DataAccessException(sql, e.getNextException() != null ? e.getNextException() : e);
        }
    }

    private static void bind(Connection c, PreparedStatement s, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            int p = i + 1;
            if (a == null) {
                s.setNull(p, Types.NULL);
            } else if (a instanceof Instant instant) {
                s.setTimestamp(p, Timestamp.from(instant));
            } else if (a instanceof LocalDate date) {
                s.setObject(p, date);
            } else if (a instanceof Enum<?> e) {
                s.setString(p, e.name());
            } else if (a instanceof Collection<?> values) {
                // a null element stays NULL (String.valueOf would store the text "null")
                Array array = c.createArrayOf("text", values.stream().map(v -> v == null ? null : String.valueOf(v))
                        .toArray());
                s.setArray(p, array);
            } else {
                s.setObject(p, a);
            }
        }
    }

    /** A nullable timestamp column as an instant. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp t = row.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /** A nullable integer column. */
    public static Integer integer(ResultSet row, String column) throws SQLException {
        int v = row.getInt(column);
        return row.wasNull() ? null : v;
    }

    /** A nullable double column. */
    public static Double decimal(ResultSet row, String column) throws SQLException {
        double v = row.getDouble(column);
        return row.wasNull() ? null : v;
    }

    /** A {@code text[]} column as a list (empty for NULL). */
    public static List<String> strings(ResultSet row, String column) throws SQLException {
        Array array = row.getArray(column);
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add((String) v);
        }
        return out;
    }

    /** A statement failed; the step's transaction rolls back. */
    public static final class DataAccessException extends RuntimeException {
        DataAccessException(String sql, SQLException cause) {
            super(cause.getMessage() + " [" + (sql.length() > 200 ? sql.substring(0, 200) + "…" : sql) + "]", cause);
        }

        /** PostgreSQL's SQLSTATE, e.g. 40001 (serialization), 40P01 (deadlock), 23505 (unique violation). */
        public String sqlState() {
            return getCause() instanceof SQLException e ? e.getSQLState() : null;
        }
    }
}
