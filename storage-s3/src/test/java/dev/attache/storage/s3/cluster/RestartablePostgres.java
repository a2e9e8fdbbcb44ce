package dev.attache.storage.s3.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.attache.server.db.PostgresUrl;

/**
 * A PostgreSQL server of a test's own that the test stops and starts again: the same data directory on
 * the same port, as an operator's restart does ({@code pg_ctl stop -m fast}, then start). Its fsync is
 * off: a test fixture only.
 */
final class RestartablePostgres implements AutoCloseable {

    private static final String DATABASE = "attache";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts a fresh server in {@code dataDir} with one empty database. */
    static RestartablePostgres start(Path dataDir) {
        try (ServerSocket probe = new ServerSocket(0)) {
            RestartablePostgres pg = new RestartablePostgres(dataDir, probe.getLocalPort());
            probe.close();
            pg.start();
            try (Connection c = pg.server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    PostgresUrl url() {
        return new PostgresUrl("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, "postgres", null);
    }

    /** Stops the server with PostgreSQL's fast shutdown: sessions are ended at once, their connections closed. */
    synchronized void stop() {
        try {
            server.close();
            server = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again on its data directory and port; returns once it accepts connections. */
    synchronized void start() {
        try {
            // The library's 10 s wait for a start is short on a heavily shared machine; returning once it
            // accepts connections is what the outage tests time, not this bound.
            server = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            stop();
        }
    }
}
