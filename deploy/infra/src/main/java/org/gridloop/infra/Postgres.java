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
     * Starts PostgreSQL from the embedded binaries. PostgreSQL refuses to run as root, so when this JVM runs as
     * root the server is started as the unprivileged user {@code nobody} (see {@link RootSafePostgres}).
     *
     * @param port 0 for any free port
     * @param dataDir where the cluster lives; {@code null} for a throw-away directory
     */
    public static Postgres startEmbedded(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("timezone", "UTC");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            Postgres server = new Postgres(pg, "127.0.0.1", pg.getPort(), "postgres", "postgres");
            server.dataDir = dataDir;
            server.createDatabaseIfMissing();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL", e);
        }
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
     * Crash-restarts the embedded server: {@code pg_ctl stop -m immediate} (no checkpoint, every connection cut, as
     * after a power loss) and start again on the same data directory and port, with the options it ran with.
     * Only for a server started with a data directory.
     */
    public void restartImmediately() throws IOException, InterruptedException {
        if (embedded == null || dataDir == null) {
            throw new IllegalStateException("only an embedded server with a data directory can be restarted");
        }
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        Path bin = Path.of(postmaster.info().command().orElseThrow()).getParent();
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                postmaster.info().arguments().orElse(new String[0])));
        int d = args.indexOf("-D");
        if (d >= 0) {
            args.remove(d + 1);
            args.remove(d);
        }
        String pgCtl = bin.resolve("pg_ctl").toString();
        run(pgCtl, "stop", "-D", dataDir.toString(), "-m", "immediate", "-w");
        run(pgCtl, "start", "-D", dataDir.toString(), "-w", "-t", "120", "-l",
                dataDir.resolveSibling("postgres-restart.log").toString(), "-o", String.join(" ", args));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(150, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    public Connection connect() throws SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl(), user, password);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException("could not stop the embedded PostgreSQL", e);
            }
        }
    }
}
