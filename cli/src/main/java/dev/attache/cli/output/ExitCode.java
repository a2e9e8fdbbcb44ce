package dev.attache.cli.output;

/** The exit codes of {@code attache}; picocli's own 0, 1 and 2 keep their meaning. */
public final class ExitCode {

    /** Success. */
    public static final int OK = 0;
    /** A failure, explained on standard error. */
    public static final int ERROR = 1;
    /** Invalid options or arguments, a local file that cannot be sent, or no token. */
    public static final int USAGE = 2;
    /** Not found. */
    public static final int NOT_FOUND = 3;
    /** The token was refused (401) or lacks access (403). */
    public static final int NOT_AUTHORIZED = 4;
    /** {@code admin scrub} found damage. */
    public static final int DAMAGE_FOUND = 5;
    /** {@code admin gc} refused: a server holds the data directory. */
    public static final int SERVER_RUNNING = 6;
    /** Rate limited after the client's retries. */
    public static final int RATE_LIMITED = 7;
    /** The server could not be reached. */
    public static final int NETWORK = 8;
    /** Of several items, some failed and the rest did not all fail for the same reason. */
    public static final int SOME_FAILED = 9;

    private ExitCode() {
    }
}
