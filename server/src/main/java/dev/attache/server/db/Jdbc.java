package dev.attache.server.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Small JDBC helpers: one statement or one transaction, parameters bound in order, rows mapped by a
 * lambda. Inside {@link #inTransaction} every helper of this instance, on the same thread, joins the
 * transaction, so stores compose into one atomic change. A database that cannot be reached surfaces as
 * {@link DatabaseUnavailableException} (a 503), any other SQL error as {@link DataAccessException} (a
 * 500). Thread-safe.
 */
public final class Jdbc {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private final StatementCache statements = new StatementCache();
    private final @Nullable ChangeWatch changes;
    private final Runnable onUnavailable;

    /**
     * @param changes       tells whether the database changed, for engines that can tell cheaply; else null
     * @param onUnavailable told when a statement finds the database unreachable, so the pool can drop
     *                      the connections that the same restart or cut has broken
     */
    public Jdbc(DataSource dataSource, Dialect dialect, @Nullable ChangeWatch changes, Runnable onUnavailable) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.changes = changes;
        this.onUnavailable = onUnavailable;
    }

    /** The engine behind this instance. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * A cache of rows read through this instance, for engines that can tell cheaply whether anything
     * was committed since (see {@link RecentReads}); where they cannot, it reads the database every time.
     */
    public <K, V> RecentReads<K, V> recentReads(int maxEntries) {
        return new RecentReads<>(changes, () -> transaction.get() != null, maxEntries);
    }

    /** Rows of a query. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        Connection joined = transaction.get();
        try {
            if (joined != null) {
                return statements.with(joined, sql, ps -> rows(ps, mapper, params));
            }
            try (Connection c = dataSource.getConnection()) {
                return statements.with(c, sql, ps -> rows(ps, mapper, params));
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** An insert, update or delete; the number of rows changed. */
    public int update(String sql, Object... params) {
        Connection joined = transaction.get();
        try {
            if (joined != null) {
                return statements.with(joined, sql, ps -> changes(ps, params));
            }
            try (Connection c = dataSource.getConnection()) {
                return statements.with(c, sql, ps -> changes(ps, params));
            }
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws. Called
     * inside another transaction on the same thread, it joins that one.
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        Connection joined = transaction.get();
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw failure("transaction", e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            transaction.set(c);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                transaction.remove();
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw failure("transaction", e);
        }
    }

    /** A rollback on a lost connection fails too; the first failure is the one that explains the request's fate. */
    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Not allowed to fail the call: after a commit, an error would tell the client that nothing changed.
     * A connection too broken to take the setting is evicted by the pool, which resets it on return anyway.
     */
    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // See above.
        }
    }

    private RuntimeException failure(String what, SQLException e) {
        if (Dialect.isUnavailable(e)) {
            onUnavailable.run();
            return new DatabaseUnavailableException(what, e);
        }
        return new DataAccessException(what, e);
    }

    /** Rows of a query on a connection the caller holds. */
    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return rows(ps, mapper, params);
        }
    }

    /** An update on a connection the caller holds. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return changes(ps, params);
        }
    }

    /**
     * Runs a query to the end and closes its result set, which also resets the statement: a SQLite
     * statement left unreset would hold its read snapshot, and with it the view of the database.
     */
    private static <T> List<T> rows(PreparedStatement ps, RowMapper<T> mapper, Object... params) throws SQLException {
        bind(ps, params);
        try (ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        }
    }

    private static int changes(PreparedStatement ps, Object... params) throws SQLException {
        bind(ps, params);
        return ps.executeUpdate();
    }

    /** A nullable long column. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** A nullable boolean column. */
    public static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
