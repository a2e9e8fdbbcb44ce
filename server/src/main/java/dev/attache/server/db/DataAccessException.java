package dev.attache.server.db;

import java.sql.SQLException;

/** A database failure the request cannot recover from; reported to the client as a 500. */
public final class DataAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataAccessException(String what, SQLException cause) {
        super("database failure during " + what + ": " + cause.getMessage(), cause);
    }

    /** Whether a unique or primary key constraint refused the statement: another writer got there first. */
    public boolean isUniqueViolation() {
        return getCause() instanceof SQLException e && Dialect.isUniqueViolation(e);
    }

    /** Whether a foreign key refused the statement: a row it points at was deleted meanwhile. */
    public boolean isForeignKeyViolation() {
        return getCause() instanceof SQLException e && Dialect.isForeignKeyViolation(e);
    }
}
