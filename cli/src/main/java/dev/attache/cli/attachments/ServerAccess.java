package dev.attache.cli.attachments;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.attache.client.CallListener;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every client command needs to reach the server: the connection options, the command's own
 * spec (for its output streams and usage errors) and the {@link ClientContext} it was built with. A
 * command holds one as a mixin, built in its constructor, and opens a {@link Session} per run.
 */
final class ServerAccess {

    private final ClientContext context;

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec spec;

    @Mixin
    private @Nullable ConnectionOptions connectionOptions;

    ServerAccess(ClientContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The terminal the command runs on. */
    Terminal terminal() {
        return context.terminal();
    }

    /**
     * Resolves the connection options and opens a client that announces its retries on standard
     * error.
     *
     * @throws CommandFailedException when the options name no usable host or token, or the host
     *     cannot be reached at all
     */
    Session open() {
        return open(false);
    }

    /**
     * As {@link #open()}; with {@code quiet} ({@code -q}), retries go unannounced.
     */
    Session open(boolean quiet) {
        Connection connection = context.connection(connectionOptions);
        RetryNotice retries = new RetryNotice(spec.commandLine().getErr());
        return new Session(context.api(connection, quiet ? CallListener.none() : retries), connection, retries,
                spec.commandLine().getOut(), spec.commandLine().getErr(), connectionOptions.verbose, context.terminal());
    }

    /** A usage error (exit code 2) that shows this command's usage line. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
