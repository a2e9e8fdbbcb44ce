package dev.attache.server.db;

import java.sql.SQLException;

/** A database failure the request cannot recover from; reported to the client as a 500. */
public final class DataAccessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataAccessException(String what, SQLException cause) {
        super("database failure during " + what + ": " + cause.getMessage(), cause);
    }
}
