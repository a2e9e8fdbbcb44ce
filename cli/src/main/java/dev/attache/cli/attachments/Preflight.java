package dev.attache.cli.attachments;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;

import dev.attache.cli.output.ExitCode;
import dev.attache.client.AsanaTransportException;

/**
 * The two network failures that no retry can mend, found before the first request so they are
 * reported at once instead of after the client's retries: a host name that does not resolve, and a
 * loopback address where nothing listens (a refused connection there means no server is running,
 * not a blip).
 */
final class Preflight {

    private static final int LOOPBACK_CONNECT_MILLIS = 1000;

    private Preflight() {
    }

    /**
     * Checks that {@code connection}'s host resolves and, for a loopback host, that something listens.
     *
     * @throws CommandFailedException with exit code 8, naming the cause, when either fails
     */
    static void check(Connection connection) {
        URI base = connection.baseUri();
        String host = base.getHost();
        if (host == null) {
            return;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CommandFailedException(new Failure(ExitCode.NETWORK, "cannot reach " + base + ": the host name "
                    + host + " does not resolve; check the spelling of --host (or ASANA_BASE_URL) and the network", e));
        }
        if (!address.isLoopbackAddress()) {
            return;
        }
        int port = base.getPort() != -1 ? base.getPort() : "https".equalsIgnoreCase(base.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), LOOPBACK_CONNECT_MILLIS);
        } catch (ConnectException e) {
            throw new CommandFailedException(Failures.explain(
                    new AsanaTransportException("CONNECT", base.getPath(), e), connection));
        } catch (IOException e) {
            // Anything else (a timeout, say) is left to the client and its retries.
        }
    }
}
