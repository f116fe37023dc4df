package org.gridloop.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.db.Sql;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The inbox of applied event ids, inside the step's JTA transaction: a repeat delivery finds its row and is
 * skipped, and a rolled-back apply leaves no row, so the event is applied again.
 */
@ApplicationScoped
public class JdbcInbox {

    private final Sql sql;
    private final String insertOne;
    private final String insertMany;

    JdbcInbox(Sql sql, DatabaseConfig database) {
        this.sql = sql;
        String schema = database.schema();
        this.insertOne = "INSERT INTO " + schema + ".inbox (consumer, event_id, event_type) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING";
        this.insertMany = "INSERT INTO " + schema + ".inbox (consumer, event_id, event_type) "
                + "SELECT ?, unnest(?::text[]), unnest(?::text[]) ON CONFLICT DO NOTHING RETURNING event_id";
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, CloudEvent<?> event) {
        return sql.update(insertOne, consumer, event.id(), event.type()) == 1;
    }

    /** Marks these events applied by {@code consumer}, in one statement; returns the ids not seen before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, List<CloudEvent<?>> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(sql.list(insertMany, row -> row.getString(1), consumer,
                events.stream().map(CloudEvent::id).toList(), events.stream().map(CloudEvent::type).toList()));
    }
}
