package dev.attache.cli.attachments;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where the client commands send requests, the token they send, where that token came from, and
 * the certificates they trust.
 *
 * @param baseUri     the API root, such as {@code http://127.0.0.1:8080/api/1.0}
 * @param token       the bearer token; never printed, so {@link #toString()} leaves it out
 * @param tokenSource the token named by where it was found, in words a person can act on, such as
 *                    {@code the token from ASANA_ACCESS_TOKEN}; said when the server refuses the token
 * @param caFile      PEM certificates to trust instead of the JDK's trust store, or null for the
 *                    JDK's; for a server with a self-signed or private-CA certificate
 */
public record Connection(URI baseUri, String token, String tokenSource, @Nullable Path caFile) {

    /** Checks the components. */
    public Connection {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(tokenSource, "tokenSource");
    }

    @Override
    public String toString() {
        return "Connection[baseUri=" + baseUri + ", token=<redacted>, tokenSource=" + tokenSource
                + ", caFile=" + caFile + "]";
    }
}
