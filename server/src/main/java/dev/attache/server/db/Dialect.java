package dev.attache.server.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What differs between the two engines the metadata database runs on. The SQL itself stays portable;
 * only row locking, constraint error codes and the engine-only migrations differ.
 */
public enum Dialect {

    /** The embedded default: one node, one writer at a time, so rows need no locks of their own. */
    SQLITE(""),

    /** A cluster's shared database: concurrent writers, so transactions lock the rows they depend on. */
    POSTGRESQL(" FOR UPDATE");

    private final String forUpdate;

    Dialect(String forUpdate) {
        this.forUpdate = forUpdate;
    }

    /** The clause that makes a SELECT lock the rows it returns until the transaction ends; empty on SQLite. */
    public String forUpdate() {
        return forUpdate;
    }

    /** The Flyway locations for this engine: the portable migrations, then the engine's own. */
    String[] migrationLocations() {
        return this == POSTGRESQL
                ? new String[] {"classpath:" + Migrations.PORTABLE, "classpath:" + Migrations.POSTGRESQL}
                : new String[] {"classpath:" + Migrations.PORTABLE};
    }

    /** Whether a statement failed on a unique or primary key constraint. */
    public static boolean isUniqueViolation(SQLException e) {
        // PostgreSQL: SQLSTATE 23505. sqlite-jdbc reports SQLITE_CONSTRAINT (19) and names the kind in the message.
        return "23505".equals(e.getSQLState()) || sqliteConstraint(e, "SQLITE_CONSTRAINT_UNIQUE")
                || sqliteConstraint(e, "SQLITE_CONSTRAINT_PRIMARYKEY");
    }

    /** Whether a statement failed because a row it references is gone (PostgreSQL's foreign keys). */
    public static boolean isForeignKeyViolation(SQLException e) {
        return "23503".equals(e.getSQLState()) || sqliteConstraint(e, "SQLITE_CONSTRAINT_FOREIGNKEY");
    }

    /**
     * Whether a failure says the database could not be reached rather than that the statement was wrong:
     * PostgreSQL's connection exceptions (SQLSTATE class 08), a server shutting down, crashing or still
     * starting (57P01, 57P02, 57P03), too many connections (53300), the pool finding no connection in time
     * (HikariCP's {@link SQLTransientConnectionException}), and on SQLite a database that stayed locked
     * past the busy timeout or whose file cannot be read or opened (SQLITE_BUSY, SQLITE_IOERR,
     * SQLITE_CANTOPEN).
     */
    public static boolean isUnavailable(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException e && (unreachableState(e.getSQLState()) || sqliteUnavailable(e))) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300"));
    }

    private static boolean sqliteUnavailable(SQLException e) {
        if (!(e instanceof SQLiteException sqlite)) {
            return false;
        }
        int primary = sqlite.getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_IOERR.code
                || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code;
    }

    private static boolean sqliteConstraint(SQLException e, String kind) {
        return e.getErrorCode() == 19 && String.valueOf(e.getMessage()).contains(kind);
    }
}
