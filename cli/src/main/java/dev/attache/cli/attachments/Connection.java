package dev.attache.cli.attachments;

import java.net.URI;
import java.util.Objects;

/**
 * Where the client commands send requests and the token they send.
 *
 * @param baseUri the API root, such as {@code http://127.0.0.1:8080/api/1.0}
 * @param token   the bearer token; never printed, so {@link #toString()} leaves it out
 */
public record Connection(URI baseUri, String token) {

    /** Checks both components. */
    public Connection {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
        return "Connection[baseUri=" + baseUri + ", token=<redacted>]";
    }
}
