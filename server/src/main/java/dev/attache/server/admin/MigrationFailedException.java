package dev.attache.server.admin;

/**
 * A data directory could not be copied into a cluster, and nothing of it was kept there: the rows were
 * rolled back and the bytes copied for them removed. The message says why and what to do.
 */
public final class MigrationFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MigrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    public MigrationFailedException(String message) {
        super(message);
    }
}
