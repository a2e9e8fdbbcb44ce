package dev.attache.server.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ChangeWatch} over SQLite's {@code PRAGMA data_version}, read on a connection of its own that
 * never writes: its value changes whenever any other connection, in this process or another (the admin
 * command), commits. Reading it touches no table, only the header of the write-ahead log.
 */
final class SqliteChangeWatch implements ChangeWatch {

    private final String jdbcUrl;
    /** Marks for "could not look": negative, never repeated, so they match nothing cached. */
    private final AtomicLong doubts = new AtomicLong();
    private Connection connection;
    private PreparedStatement dataVersion;
    /**
     * How many connections the watch has opened: a fresh connection counts data versions from its own
     * start, so its values say nothing about an older one's; the mark carries both.
     */
    private long opened;

    SqliteChangeWatch(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public synchronized long mark() {
        try {
            if (dataVersion == null) {
                open();
            }
            try (ResultSet rs = dataVersion.executeQuery()) {
                rs.next();
                return opened << 32 | (rs.getLong(1) & 0xFFFF_FFFFL);
            }
        } catch (SQLException e) {
            close();
            return doubts.decrementAndGet();
        }
    }

    private void open() throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl);
        opened++;
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
        }
        dataVersion = connection.prepareStatement("PRAGMA data_version");
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // Closing is all that is left to do with it; the next look opens a fresh connection.
        } finally {
            connection = null;
            dataVersion = null;
        }
    }
}
