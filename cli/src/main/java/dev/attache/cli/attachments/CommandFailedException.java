package dev.attache.cli.attachments;

import java.util.Objects;

/** A client command failed; carries the failure already put into words, with its exit code. */
public final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    CommandFailedException(Failure failure) {
        super(failure.message(), failure.cause());
        this.failure = Objects.requireNonNull(failure, "failure");
    }

    /**
     * The explained failure.
     *
     * @return its words, exit code and cause
     */
    public Failure failure() {
        return failure;
    }
}
