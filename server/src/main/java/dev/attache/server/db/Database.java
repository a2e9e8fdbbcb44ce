package dev.attache.server.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The metadata database: a pooled {@link DataSource} plus the schema migrations. SQLite in a data
 * directory by default, or a PostgreSQL database that the nodes of a cluster share. The SQL under
 * {@code db/migration} is portable; {@code db/dialect/postgresql} adds what only PostgreSQL needs.
 */
public final class Database implements AutoCloseable {

    /** The SQLite database's file in a data directory. */
    static final String SQLITE_FILE = "attache.db";
    private static final int HEALTH_QUERY_SECONDS = 2;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Jdbc jdbc;

    private final @Nullable ChangeWatch changes;

    private Database(HikariDataSource dataSource, Dialect dialect, @Nullable ChangeWatch changes) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.changes = changes;
        // A busy or unreadable SQLite file leaves its connections sound; a PostgreSQL restart breaks them all.
        this.jdbc = new Jdbc(dataSource, dialect, changes, dialect == Dialect.POSTGRESQL ? this::dropIdleConnections : () -> { });
    }

    /**
     * Opens (creating if needed) the SQLite database in a data directory: WAL so readers never wait
     * for the writer, {@code synchronous=FULL} so a committed row survives power loss, foreign keys on.
     * A new database starts as a copy of the one Flyway migrated when the jar was built
     * ({@link SqliteTemplate}), so that {@link #migrate()} finds nothing to do on a first start too.
     */
    public static Database sqlite(Path dataDir) {
        return sqlite(dataDir, SqliteTemplate.onClassPath());
    }

    static Database sqlite(Path dataDir, SqliteTemplate template) {
        Path file = dataDir.resolve(SQLITE_FILE).toAbsolutePath();
        try {
            template.placeAt(file);
        } catch (IOException e) {
            // Only a head start: without the copy SQLite creates the file and Flyway migrates it, as it always
            // did, and a directory that cannot be written fails there with SQLite's own message.
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("attache-sqlite");
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("synchronous", "FULL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", "10000");
        // A transaction that reads and then writes must hold the write lock from its start: a deferred
        // one fails with SQLITE_BUSY when another connection wrote in between.
        config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        // SQLite has one writer at a time; a handful of connections serve concurrent readers.
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(10_000);
        return new Database(new HikariDataSource(config), Dialect.SQLITE, new SqliteChangeWatch(config.getJdbcUrl()));
    }

    /**
     * Connects to a PostgreSQL database. Fails at once (rather than on the first request) when the
     * database cannot be reached, with the URL in the message and the password left out.
     *
     * @throws IllegalStateException when no connection can be made
     */
    public static Database postgresql(PostgresUrl url) {
        return postgresql(url, "attache-postgresql", 16);
    }

    /**
     * Connects to a PostgreSQL database through a pool of its own, named and sized for one job, so that
     * job's waits never hold a connection the requests need.
     *
     * @throws IllegalStateException when no connection can be made
     */
    public static Database postgresql(PostgresUrl url, String poolName, int connections) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(connections);
        // A request waits this long for a connection, then answers 503: long enough to ride out a
        // restart (about a second), and longer than the 5 s HikariCP may sleep between attempts to
        // connect once an outage has lasted a while, so a request that arrives after the database is
        // back always gets a connection; short enough that a client hears of a longer outage soon.
        config.setConnectionTimeout(8_000);
        config.setValidationTimeout(2_000);
        // Idle connections are checked this often, so one a restart broke is replaced before a request takes it.
        config.setKeepaliveTime(30_000);
        // Bounded waits for a server that went silent without closing the connection (a cut network):
        // seconds to connect, and a backstop far above any statement this server runs. A setting in
        // the URL wins.
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("socketTimeout", "300");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        try {
            // No change watch: caches over PostgreSQL would need LISTEN/NOTIFY from every node, so its readers ask the database.
            return new Database(new HikariDataSource(config), Dialect.POSTGRESQL, null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to PostgreSQL at " + url.redacted() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /**
     * Brings the schema to the latest version. Run before the server takes requests; safe when several
     * nodes start at once, since Flyway holds a lock on the database while it migrates. A database that
     * already has exactly this build's migrations is left alone without starting Flyway.
     */
    public void migrate() {
        if (Migrations.allApplied(dataSource, Migrations.of(dialect))) {
            return;
        }
        Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrationLocations())
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Which engine this is. */
    public Dialect dialect() {
        return dialect;
    }

    /** JDBC helpers over this database; one instance, so a transaction spans every store that uses it. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /**
     * Whether the database answers a trivial query now. Asks every time (a failure is never remembered),
     * and gives up after the pool's connection timeout plus {@value #HEALTH_QUERY_SECONDS} s, so a
     * health check never hangs on a silent server.
     */
    public boolean isHealthy() {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.setQueryTimeout(HEALTH_QUERY_SECONDS);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            if (dialect == Dialect.POSTGRESQL && Dialect.isUnavailable(e)) {
                dropIdleConnections();
            }
            return false;
        }
    }

    /**
     * Closes the idle connections and retires the busy ones when they come back. A restart or a network
     * cut breaks every connection at once, but the pool learns of each only when a request fails on it;
     * without this, requests after the database is back would still draw broken connections, one
     * failure each, until the pool had met them all.
     */
    private void dropIdleConnections() {
        var pool = dataSource.getHikariPoolMXBean();
        if (pool != null) {
            pool.softEvictConnections();
        }
    }

    @Override
    public void close() {
        if (changes != null) {
            changes.close();
        }
        dataSource.close();
    }
}
