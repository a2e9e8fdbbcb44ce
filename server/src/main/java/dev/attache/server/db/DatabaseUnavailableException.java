package dev.attache.server.db;

import java.sql.SQLException;

/**
 * The database did not answer: no connection could be made in time, or the one in use was lost (a
 * restart, a failover, a network cut). Nothing about the request itself was wrong, so the API answers
 * 503 with {@code Retry-After} and the same request may succeed a moment later.
 */
public final class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String what, SQLException cause) {
        super("database unavailable during " + what + ": " + cause.getMessage(), cause);
    }
}
