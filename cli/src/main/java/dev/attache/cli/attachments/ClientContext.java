package dev.attache.cli.attachments;

import java.util.Objects;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.CallListener;

/**
 * What every client command is built with: how to connect, the terminal and the environment.
 *
 * @param connector   builds the client once the connection options are parsed
 * @param terminal    for confirmations and progress bars
 * @param environment the variables that stand in for options
 */
record ClientContext(Connector connector, Terminal terminal, Environment environment) {

    ClientContext {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(environment, "environment");
    }

    /**
     * Resolves the connection options.
     *
     * @throws CommandFailedException when they name no usable host or token
     */
    Connection connection(ConnectionOptions options) {
        try {
            return options.connection(environment);
        } catch (RuntimeException e) {
            throw new CommandFailedException(Failures.explain(e, null));
        }
    }

    /**
     * The client for {@code connection}, once its host resolves and, for a loopback host, something
     * listens there; {@code listener} hears its calls and retries.
     *
     * @throws CommandFailedException when the host does not resolve, a loopback port refuses, or the
     *     connection's CA file will not do
     */
    AttachmentsApi api(Connection connection, CallListener listener) {
        Preflight.check(connection);
        try {
            return connector.open(connection, listener);
        } catch (RuntimeException e) {
            throw new CommandFailedException(Failures.explain(e, connection));
        }
    }
}
