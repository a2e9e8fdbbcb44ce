package dev.attache.cli.attachments;

import java.util.Objects;

/**
 * A failure put into words a person can act on, with the exit code it maps to.
 *
 * @param exitCode one of {@link dev.attache.cli.output.ExitCode}
 * @param message  one line, naming no Java class
 * @param cause    what was thrown, for {@code --verbose}
 */
public record Failure(int exitCode, String message, Throwable cause) {

    /** Checks the components. */
    public Failure {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(cause, "cause");
    }
}
