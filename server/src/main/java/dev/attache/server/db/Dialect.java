package dev.attache.server.db;

import java.sql.SQLException;

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

    private static boolean sqliteConstraint(SQLException e, String kind) {
        return e.getErrorCode() == 19 && String.valueOf(e.getMessage()).contains(kind);
    }
}
