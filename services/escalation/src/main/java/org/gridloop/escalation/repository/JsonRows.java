package org.gridloop.escalation.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Many rows as one statement parameter: a JSON array that PostgreSQL turns back into typed rows with
 * {@code jsonb_to_recordset(?::jsonb) AS r(<columns>)}. So a batch writes a table with one statement whatever its
 * size (a JDBC batch is one statement per row, and every row would run the statement-level aggregate triggers
 * again), with real NULLs and typed columns, which {@code Sql}'s {@code text[]} binding has neither of.
 */
final class JsonRows {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final List<String> columns;
    private final String types;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    /** {@code columns}: {@code "name type"} pairs, in the order the statement lists them. */
    JsonRows(String... columns) {
        this.columns = Arrays.stream(columns).map(c -> c.substring(0, c.indexOf(' '))).toList();
        this.types = String.join(", ", columns);
    }

    /** {@code jsonb_to_recordset(?::jsonb) AS r(...)}: the rows of the parameter, aliased {@code r}. */
    String source() {
        return "jsonb_to_recordset(?::jsonb) AS r(" + types + ")";
    }

    /** The column names, comma-separated, each prefixed with {@code alias.} unless the alias is empty. */
    String names(String alias) {
        return columns.stream().map(c -> alias.isEmpty() ? c : alias + "." + c).collect(Collectors.joining(", "));
    }

    /** Adds a row: one value per column, in order; instants and dates travel as ISO-8601. */
    JsonRows add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " values expected, got " + values.length);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            row.put(columns.get(i), v instanceof Instant || v instanceof LocalDate ? v.toString() : v);
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The parameter to bind. */
    String json() {
        try {
            return MAPPER.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows not writable as JSON", e);
        }
    }
}
