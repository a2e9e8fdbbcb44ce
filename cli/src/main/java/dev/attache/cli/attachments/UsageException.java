package dev.attache.cli.attachments;

/**
 * A client command cannot run as invoked, for a reason found only once it runs: no token, a file to
 * upload that is missing, or several deletions with no one to confirm them. Exits with code 2 like a
 * usage error, but prints one line instead of the whole usage help.
 */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what to do instead, as one line
     */
    public UsageException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure behind it, which {@code --verbose} shows.
     *
     * @param message what to do instead, as one line
     * @param cause   what the JDK or the client reported
     */
    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
