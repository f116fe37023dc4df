package org.gridloop.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gridloop.platform.db.DatabaseConfig;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;
import org.postgresql.replication.LogSequenceNumber;
import org.postgresql.replication.PGReplicationStream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outbox read from PostgreSQL's WAL ({@code gridloop.outbox.relay=wal}): a step writes each event as a
 * transactional logical-decoding message ({@link #emitSql()}: no table row, no delete afterwards), and the relay
 * streams the service's replication slot through {@code pgoutput}, hands the messages with this service's prefix to
 * the producer and confirms a transaction's end to the slot once Kafka acknowledged its events. The relay runs no
 * transaction of its own: a polling relay's batch was one more commit per ~4 events (3 per closed loop).
 *
 * <p>What the WAL gives: the events leave in commit order; a message of a rolled-back step never reaches the stream;
 * after a crash the slot replays everything after the last confirmed commit (published twice at worst, never lost;
 * consumers skip repeats through their inbox). One instance per service streams: PostgreSQL lets one connection use a
 * slot at a time, so the others try again every {@code standby-retry} and take over when the holder stops, or when it
 * went silent for {@code sender-timeout}.
 *
 * <p>The slot ({@code gridloop_outbox_<schema>}) is created at start and awaited until it has a starting point,
 * before the service takes any step. While it cannot be streamed (dropped by hand, or invalidated after it lost WAL
 * under {@code max_slot_wal_keep_size}), steps write their events to the outbox table, which the {@link OutboxRelay}
 * still polls; a dropped slot is created again, an invalidated one waits for an operator to drop it (and the service
 * refuses to start on it). A slot keeps the WAL its relay has not confirmed: while no instance of the service runs,
 * PostgreSQL keeps the WAL from the moment it stopped.
 */
@ApplicationScoped
public class WalRelay {

    private static final Logger LOG = Logger.getLogger(WalRelay.class);
    /** SQLSTATE object_in_use: another connection streams the slot. */
    private static final String SLOT_IN_USE = "55006";
    private static final String DUPLICATE_OBJECT = "42710";
    /** Messages handed to the producer before waiting for their acknowledgements, at most. */
    private static final int MAX_IN_FLIGHT = 1_000;
    private static final Duration SLOT_CREATION_PATIENCE = Duration.ofMinutes(5);
    /** SQLSTATEs of a slot that is gone (undefined_object) or cannot be streamed (object_not_in_prerequisite_state). */
    private static final Set<String> SLOT_UNUSABLE = Set.of("42704", "55000");
    /** How long to wait for one acknowledgement before telling PostgreSQL the relay is still there. */
    private static final long ACK_SLICE_MILLIS = 1_000;
    private static final long ACK_PATIENCE_MILLIS = 60_000;

    private final AgroalDataSource dataSource;
    private final OutboxRelay relay;
    private final OutboxConfig config;
    private final String url;
    private final String user;
    private final Optional<String> password;
    private final String slot;
    private final String publication;
    private final String prefix;
    private volatile boolean slotReady;
    private volatile boolean running;
    private volatile boolean streaming;
    private volatile Connection replication;
    /** When the oldest event read and not yet confirmed was read (epoch millis), 0 when none. */
    private volatile long unconfirmedSince;
    private Thread thread;

    WalRelay(AgroalDataSource dataSource, OutboxRelay relay, OutboxConfig config, DatabaseConfig database,
             @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
             @ConfigProperty(name = "quarkus.datasource.username") String user,
             @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
        this.slot = slotName(database.schema());
        this.publication = slot; // the slot's own publication, of the same name
        this.prefix = prefix(database.schema());
    }

    /** The replication slot a service's WAL relay streams. */
    public static String slotName(String schema) {
        return "gridloop_outbox_" + schema;
    }

    /** The logical-decoding message prefix of a service's events. */
    static String prefix(String schema) {
        return "gridloop-outbox:" + schema;
    }

    /** The statement a step writes an event with: prefix and the event's JSON. */
    static String emitSql() {
        return "SELECT pg_logical_emit_message(true, ?, ?)";
    }

    String messagePrefix() {
        return prefix;
    }

    /** Whether a step may write its events into the WAL: the relay is on and its slot exists. */
    boolean accepting() {
        return slotReady;
    }

    /** Whether this instance holds the slot and streams it now. */
    public boolean streaming() {
        return streaming;
    }

    /**
     * Before any step (and before the engine starts its job executor): the slot exists from here on, so no event
     * written after this point can be missed.
     */
    void prepare(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 100) StartupEvent startup)
            throws SQLException {
        if (config.relay() != OutboxConfig.Relay.WAL) {
            return;
        }
        ensureSlot();
        slotReady = true;
    }

    /** After the producer is up ({@link OutboxRelay} starts it at the application's priority). */
    void start(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) StartupEvent startup) {
        if (!slotReady) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-wal-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** First, before the producer closes. */
    void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            // the relay leaves its loop within milliseconds and tells PostgreSQL what it confirmed last, so the next
            // instance does not publish that again
            try {
                thread.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Connection c = replication;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debugf("closing the replication connection: %s", e.getMessage());
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void ensureSlot() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet level = s.executeQuery("SHOW wal_level")) {
                level.next();
                if (!"logical".equals(level.getString(1))) {
                    throw new IllegalStateException("gridloop.outbox.relay=wal needs PostgreSQL's wal_level=logical"
                            + " (it is " + level.getString(1) + "); set it, or gridloop.outbox.relay=poll");
                }
            }
            if (!exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", publication)) {
                // empty: pgoutput needs a publication, the messages are not filtered by one
                createIgnoringDuplicate(s, "CREATE PUBLICATION " + publication);
            }
            if (!exists(c, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", slot)) {
                // PostgreSQL 17 copies a failover slot to a standby that syncs slots (sync_replication_slots)
                boolean failover = serverVersion(s) >= 170_000;
                try (PreparedStatement create = c.prepareStatement(failover
                        ? "SELECT pg_create_logical_replication_slot(?, 'pgoutput', false, false, true)"
                        : "SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
                    create.setString(1, slot);
                    create.execute();
                    LOG.infof("outbox: replication slot %s created", slot);
                } catch (SQLException e) {
                    if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
            awaitConsistent(c);
        }
    }

    /**
     * Another instance may still be creating the slot (it is listed before it has found its starting point): only a
     * slot with a confirmed position decodes every commit after it. A slot that lost WAL it needed decodes nothing.
     */
    private void awaitConsistent(Connection c) throws SQLException {
        long deadline = System.nanoTime() + SLOT_CREATION_PATIENCE.toNanos();
        try (PreparedStatement state = c.prepareStatement("SELECT confirmed_flush_lsn IS NOT NULL, wal_status "
                + "FROM pg_replication_slots WHERE slot_name = ?")) {
            state.setString(1, slot);
            while (true) {
                try (ResultSet r = state.executeQuery()) {
                    if (r.next() && "lost".equals(r.getString(2))) {
                        throw new IllegalStateException("replication slot " + slot + " lost WAL it needed (see "
                                + "max_slot_wal_keep_size): events committed since then were not published. Drop it "
                                + "(SELECT pg_drop_replication_slot('" + slot + "')) and start again, or set "
                                + "gridloop.outbox.relay=poll");
                    }
                    if (r.getRow() > 0 && r.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replication slot " + slot + " not ready after "
                            + SLOT_CREATION_PATIENCE.toSeconds() + " s (it waits for the transactions open when it "
                            + "was created)");
                }
                sleep(100);
            }
        }
    }

    private static int serverVersion(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SHOW server_version_num")) {
            r.next();
            return Integer.parseInt(r.getString(1));
        }
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void createIgnoringDuplicate(Statement s, String ddl) throws SQLException {
        try {
            s.execute(ddl);
        } catch (SQLException e) {
            if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private void loop() {
        long backoffMillis = 500;
        while (running) {
            try {
                stream();
                backoffMillis = 500;
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                if (SLOT_IN_USE.equals(e.getSQLState())) {
                    LOG.debugf("outbox: slot %s is streamed by another instance", slot);
                    sleep(config.wal().standbyRetry().toMillis());
                } else if (SLOT_UNUSABLE.contains(e.getSQLState())) {
                    // what steps write from now on goes to the outbox table (the polling relay publishes it); a slot
                    // dropped by hand is created again, a lost one waits for an operator
                    slotReady = false;
                    LOG.errorf("outbox: replication slot %s cannot be streamed (%s); events go to the outbox table "
                            + "until it can", slot, e.getMessage());
                    backoffMillis = backOff(backoffMillis);
                    recover();
                } else {
                    LOG.warnf("outbox WAL relay: %s; again in %d ms", e.getMessage(), backoffMillis);
                    backoffMillis = backOff(backoffMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf(e, "outbox WAL relay failed; again in %d ms", backoffMillis);
                backoffMillis = backOff(backoffMillis);
            } finally {
                streaming = false;
                unconfirmedSince = 0;
            }
        }
    }

    /** Waits {@code millis}; the next wait is twice as long, up to 5 s. */
    private long backOff(long millis) {
        sleep(millis);
        return Math.min(millis * 2, 5_000);
    }

    private void recover() {
        try {
            ensureSlot();
            slotReady = true;
            LOG.infof("outbox: replication slot %s usable again; events go into the WAL", slot);
        } catch (RuntimeException | SQLException e) {
            LOG.errorf("outbox: replication slot %s: %s", slot, e.getMessage());
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void stream() throws Exception {
        Properties props = new Properties();
        PGProperty.USER.set(props, user);
        password.ifPresent(p -> PGProperty.PASSWORD.set(props, p));
        PGProperty.ASSUME_MIN_SERVER_VERSION.set(props, "10");
        PGProperty.REPLICATION.set(props, "database");
        PGProperty.PREFER_QUERY_MODE.set(props, "simple");
        PGProperty.OPTIONS.set(props, "-c wal_sender_timeout=" + config.wal().senderTimeout().toMillis());
        try (Connection connection = new org.postgresql.Driver().connect(url, props)) {
            replication = connection;
            if (!running) {
                return;
            }
            PGReplicationStream stream = connection.unwrap(PGConnection.class).getReplicationAPI()
                    .replicationStream().logical()
                    .withSlotName(slot)
                    .withSlotOption("proto_version", 1)
                    .withSlotOption("publication_names", publication)
                    .withSlotOption("messages", true)
                    .withStatusInterval(1, TimeUnit.SECONDS)
                    // pgjdbc would confirm the server's position on a keepalive once the last message's start is
                    // confirmed, which a later transaction's early change can be while an earlier commit waits for
                    // Kafka: this relay confirms only what Kafka acknowledged
                    .withAutomaticFlush(false)
                    .start();
            streaming = true;
            LOG.infof("outbox: this instance relays slot %s", slot);
            pump(stream);
        } finally {
            replication = null;
        }
    }

    /**
     * Reads the stream: a message with this service's prefix goes to the producer; a transaction's commit becomes
     * confirmable; when nothing more is pending, the relay waits for Kafka's acknowledgements and then confirms
     * the last commit.
     */
    private void pump(PGReplicationStream stream) throws Exception {
        List<Future<RecordMetadata>> inFlight = new ArrayList<>();
        LogSequenceNumber confirmable = null;
        LogSequenceNumber confirmed = LogSequenceNumber.INVALID_LSN;
        boolean inTransaction = false;
        while (running) {
            ByteBuffer message = stream.readPending();
            if (message == null || inFlight.size() >= MAX_IN_FLIGHT) {
                awaitAcks(stream, inFlight);
                LogSequenceNumber to = confirmable;
                if (message == null && !inTransaction) {
                    // between transactions everything the server sent is published: its position from the
                    // keepalives can be confirmed, so an idle slot holds no WAL
                    LogSequenceNumber received = stream.getLastReceiveLSN();
                    if (to == null || received.compareTo(to) > 0) {
                        to = received;
                    }
                }
                if (to != null && to.compareTo(confirmed) > 0) {
                    stream.setFlushedLSN(to);
                    stream.setAppliedLSN(to);
                    confirmed = to;
                    unconfirmedSince = 0;
                }
                if (message == null) {
                    Thread.sleep(5);
                    continue;
                }
            }
            switch (message.get()) {
                case 'B' -> inTransaction = true;
                case 'M' -> {
                    boolean transactional = message.get() == 1;
                    message.getLong(); // the message's LSN
                    String messagePrefix = cString(message);
                    byte[] content = new byte[message.getInt()];
                    message.get(content);
                    if (transactional && prefix.equals(messagePrefix)) {
                        if (unconfirmedSince == 0) {
                            unconfirmedSince = System.currentTimeMillis();
                        }
                        inFlight.add(relay.send(OutboxEvent.fromJson(content)));
                    }
                }
                case 'C' -> {
                    message.get(); // flags
                    message.getLong(); // the commit's LSN
                    confirmable = LogSequenceNumber.valueOf(message.getLong()); // the end of the commit record
                    inTransaction = false;
                }
                default -> {
                    // relations, types, origins: nothing this relay publishes
                }
            }
        }
        stream.forceUpdateStatus();
    }

    /** Waits for Kafka's acknowledgements, telling PostgreSQL every second that the relay is still there. */
    private void awaitAcks(PGReplicationStream stream, List<Future<RecordMetadata>> inFlight) throws Exception {
        if (inFlight.isEmpty()) {
            return;
        }
        relay.flush();
        long deadline = System.currentTimeMillis() + ACK_PATIENCE_MILLIS;
        for (Future<RecordMetadata> ack : inFlight) {
            while (true) {
                try {
                    ack.get(ACK_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (!running) {
                        throw new IllegalStateException("stopping with events not acknowledged: the next instance "
                                + "publishes them");
                    }
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("Kafka did not acknowledge an event within "
                                + ACK_PATIENCE_MILLIS / 1000 + " s", e);
                    }
                    stream.forceUpdateStatus();
                }
            }
        }
        inFlight.clear();
    }

    /** Seconds since the oldest event this instance read and has not confirmed yet (0 when none). */
    public double unconfirmedSeconds() {
        long since = unconfirmedSince;
        return since == 0 ? 0 : (System.currentTimeMillis() - since) / 1000.0;
    }

    private static String cString(ByteBuffer buffer) {
        int start = buffer.position();
        int end = start;
        while (buffer.get(end) != 0) {
            end++;
        }
        String s = new String(buffer.array(), buffer.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
        buffer.position(end + 1);
        return s;
    }
}
