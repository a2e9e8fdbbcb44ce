package dev.attache.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per physical connection, so a pooled connection runs the same SQL again
 * without parsing it again: sqlite-jdbc has no cache of its own and prepares afresh on every call,
 * which cost as much as running the statement. HikariCP hands out a new proxy for every borrow, so
 * statements are keyed by the driver's connection beneath it.
 *
 * <p>A statement is taken out of the cache while in use and put back afterwards, so the same SQL run
 * again before the first run finishes (a query inside a row mapper) gets a statement of its own. A
 * statement whose run failed is closed, not put back. Thread-safe: a pool lends a connection to one
 * thread at a time, and the map of connections is concurrent.
 */
final class StatementCache {

    /** Per connection; the SQL of the stores is fixed text, so a few dozen statements cover it. */
    static final int MAX_PER_CONNECTION = 64;

    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    /** Runs {@code work} on a prepared statement for {@code sql} on {@code pooled}'s connection. */
    <T> T with(Connection pooled, String sql, StatementWork<T> work) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> statements = statementsOf(physical);
        PreparedStatement ps = statements.remove(sql);
        if (ps == null || ps.isClosed()) {
            ps = physical.prepareStatement(sql);
        }
        T result;
        try {
            result = work.run(ps);
        } catch (SQLException | RuntimeException | Error e) {
            closeQuietly(ps, e);
            throw e;
        }
        PreparedStatement displaced = statements.put(sql, ps);
        if (displaced != null) {
            displaced.close();
        }
        return result;
    }

    /** Work on a prepared statement. */
    @FunctionalInterface
    interface StatementWork<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    private Map<String, PreparedStatement> statementsOf(Connection physical) throws SQLException {
        Map<String, PreparedStatement> statements = byConnection.get(physical);
        if (statements == null) {
            forgetClosedConnections();
            statements = new LeastRecentlyUsed();
            byConnection.put(physical, statements);
        }
        return statements;
    }

    /** The pool retires connections now and then; their statements went with them. */
    private void forgetClosedConnections() throws SQLException {
        for (Connection c : byConnection.keySet()) {
            if (c.isClosed()) {
                byConnection.remove(c);
            }
        }
    }

    private static void closeQuietly(PreparedStatement ps, Throwable failure) {
        try {
            ps.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Access-ordered, closing the statement it drops. Used by one thread at a time. */
    private static final class LeastRecentlyUsed extends LinkedHashMap<String, PreparedStatement> {
        LeastRecentlyUsed() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= MAX_PER_CONNECTION) {
                return false;
            }
            try {
                eldest.getValue().close();
            } catch (SQLException ignored) {
                // The statement is dropped either way; a failure to free it changes nothing we rely on.
            }
            return true;
        }
    }
}
