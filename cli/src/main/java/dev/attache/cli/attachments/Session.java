package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.Supplier;

import dev.attache.cli.output.OutputFormat;
import dev.attache.client.AttachmentsApi;

/**
 * One run of a client command against the server: the client, the connection it was opened for and
 * the command's output streams. Closing it closes the client.
 *
 * @param api        the client
 * @param connection the host and token source, for explaining failures
 * @param retries    announces retries; moves above the progress lines of a {@link Batch}
 * @param out        the command's standard output
 * @param err        the command's standard error
 * @param verbose    whether failures also print the request and the stack trace
 * @param terminal   the process's terminal
 */
record Session(AttachmentsApi api, Connection connection, RetryNotice retries, PrintWriter out, PrintWriter err,
        boolean verbose, Terminal terminal) implements AutoCloseable {

    Session {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(terminal, "terminal");
    }

    /**
     * Runs {@code work}, explaining whatever it throws in words that name the host and the token
     * source.
     */
    <T> T explained(Supplier<T> work) {
        try {
            return work.get();
        } catch (CommandFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CommandFailedException(Failures.explain(e, connection));
        }
    }

    /** As {@link #explained(Supplier)}, for work with no result. */
    void explained(Runnable work) {
        explained(() -> {
            work.run();
            return null;
        });
    }

    /**
     * A report for items that show no progress lines.
     *
     * @param itemKey what items are called in JSON failure objects: {@code file} or {@code gid}
     */
    ItemReport report(OutputFormat.Mode mode, String itemKey) {
        return report(mode, itemKey, Progress.none());
    }

    ItemReport report(OutputFormat.Mode mode, String itemKey, Progress progress) {
        return new ItemReport(out, err, mode, progress, connection, verbose, itemKey);
    }

    @Override
    public void close() {
        api.close();
    }
}
