package dev.attache.server.http;

import java.net.URI;
import java.util.Objects;

/**
 * The scheme, host and port clients reach this server at, used for {@code download_url},
 * {@code permanent_url} and {@code next_page.uri}. Configured, or known only once the server has bound
 * its port, so it is set once at start. Thread-safe.
 */
public final class PublicBase {

    private volatile URI base;

    /** Sets the base once the server knows it; the composition root calls this once, at start. */
    public void set(URI value) {
        this.base = Objects.requireNonNull(value, "value");
    }

    /** The base without a trailing slash, such as {@code http://127.0.0.1:8080}. */
    public String get() {
        URI b = base;
        if (b == null) {
            throw new IllegalStateException("the server has not started yet");
        }
        return b.toString();
    }
}
