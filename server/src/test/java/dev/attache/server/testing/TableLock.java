package dev.attache.server.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import dev.attache.server.db.PostgresUrl;

/**
 * A PostgreSQL table locked by a transaction of the test's own, so that a request reading it waits
 * (holding whatever it took before the read) until the test lets it go. Closing releases the lock.
 */
public final class TableLock implements AutoCloseable {

    private final Connection connection;
    private final String table;

    private TableLock(Connection connection, String table) {
        this.connection = connection;
        this.table = table;
    }

    /** Locks {@code table} against readers and writers alike. */
    public static TableLock hold(PostgresUrl database, String table) throws SQLException {
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        try {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
            }
            return new TableLock(connection, table);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Waits, inside the locking transaction, until some session waits for the table; fails after {@code patience}. */
    public void awaitAReader(Duration patience) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL statement_timeout = '" + patience.toSeconds() + "s'");
            s.execute("DO $$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON l.relation = c.oid"
                    + " WHERE c.relname = '" + table + "' AND NOT l.granted) LOOP PERFORM pg_sleep(0.01); END LOOP; END $$");
        }
    }

    /** Lets the waiting readers go; does nothing the second time. */
    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
