package org.gridloop.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.gridloop.contracts.CloudEvent;
import org.gridloop.contracts.EventCodec;
import org.gridloop.contracts.EventTypes;
import org.gridloop.contracts.Topics;
import org.gridloop.platform.db.DatabaseConfig;
import org.gridloop.platform.tracing.Tracing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JTA side of the transactional outbox, for what the process engine decides (delegates, timers): the event is
 * written through the engine's own datasource inside the engine's transaction, so a rolled-back command leaves
 * no event behind. With the WAL relay ({@link WalRelay}) the event is a logical-decoding message of the transaction;
 * otherwise a row of the outbox table that {@link OutboxRelay} publishes.
 *
 * <p>Each committed event counts on {@code /q/metrics} as {@code gridloop_events_total{type}}: the loop's steps as
 * they happen (a missed time limit is {@code type="gridloop.request.limit-missed.v1"} or
 * {@code "gridloop.dispatch.limit-missed.v1"}). The types of the service's own topic have their series from the start.
 */
@ApplicationScoped
@Startup // its series are registered at start (at 0), not at the first use
public class JdbcOutbox {

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final WalRelay wal;
    private final Tracing tracing;
    private final String insertSql;
    private final MeterRegistry registry;
    private final Map<String, Counter> committed = new ConcurrentHashMap<>();
    /** Resolved once: add() is on every step's path. */
    private final List<OutboxListener> listeners;

    JdbcOutbox(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay,
               WalRelay wal, Tracing tracing, DatabaseConfig database, EventsConfig events, MeterRegistry registry,
               Instance<OutboxListener> listeners) {
        this.registry = registry;
        this.listeners = listeners.stream().toList();
        EventTypes.all().stream()
                .filter(type -> Topics.owner(type.topic()).filter(events.source()::equals).isPresent())
                .forEach(type -> counter(type.name()));
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
        this.wal = wal;
        this.tracing = tracing;
        this.insertSql = "INSERT INTO " + database.schema() + ".outbox (event_id, topic, record_key, event_type, "
                + "source, event_time, actor, actor_role, payload, created_at, traceparent) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    private Counter counter(String type) {
        return committed.computeIfAbsent(type, t -> Counter.builder("gridloop.events").tag("type", t)
                .description("events this service committed to its outbox, by type").register(registry));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(CloudEvent<?> event) {
        String traceparent = event.traceparent() != null ? event.traceparent()
                : tracing.forEvent(event.subject(), event.type());
        String payload = new String(EventCodec.data(event), StandardCharsets.UTF_8);
        boolean intoWal = wal.accepting();
        try (Connection connection = dataSource.getConnection()) {
            if (intoWal) {
                try (PreparedStatement emit = connection.prepareStatement(WalRelay.emitSql())) {
                    emit.setString(1, wal.messagePrefix());
                    emit.setString(2, OutboxEvent.of(event, payload, traceparent).json());
                    emit.execute();
                }
            } else {
                try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                    insert.setString(1, event.id());
                    insert.setString(2, event.topic());
                    insert.setString(3, event.subject());
                    insert.setString(4, event.type());
                    insert.setString(5, event.source());
                    insert.setTimestamp(6, event.time() == null ? null : Timestamp.from(event.time()));
                    insert.setString(7, event.actor());
                    insert.setString(8, event.actorrole());
                    insert.setString(9, payload);
                    insert.setTimestamp(10, Timestamp.from(Instant.now()));
                    insert.setString(11, traceparent);
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write " + event.type() + " to the outbox", e);
        }
        for (OutboxListener listener : listeners) {
            listener.added(event);
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    if (!intoWal) {
                        relay.wake();
                    }
                    counter(event.type()).increment();
                }
            }
        });
    }
}
