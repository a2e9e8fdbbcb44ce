package dev.attache.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.attache.server.db.Database;
import dev.attache.server.db.PostgresUrl;

/**
 * A real PostgreSQL 14 (from Maven, no Docker), started once per test JVM on a free port and stopped
 * when the JVM exits. Each caller gets a database of its own, so tests never see each other's rows.
 * It runs with fsync off: a test fixture only.
 */
public final class TestPostgres {

    // One server per JVM is the point of this class: starting PostgreSQL costs seconds, a database milliseconds.
    private static EmbeddedPostgres server;
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestPostgres() {
    }

    /** A new, empty database on the shared server. */
    public static PostgresUrl freshDatabase() {
        EmbeddedPostgres pg = server();
        String name = "attache_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return new PostgresUrl("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name, "postgres", null);
    }

    /** A connection pool to a database, migrated to the latest schema. */
    public static Database open(PostgresUrl url) {
        Database database = Database.postgresql(url);
        database.migrate();
        return database;
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // The library waits 10 s for initdb and the first start; a machine shared at load 50 took longer.
                EmbeddedPostgres started = EmbeddedPostgres.builder().setPGStartupWait(STARTUP_WAIT).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "test-postgres-stop"));
                server = started;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException ignored) {
            // The JVM is exiting; the server's files are in a temporary directory.
        }
    }
}
