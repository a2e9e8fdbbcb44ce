package dev.attache.client;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Supplies the bearer token for each request, so OAuth access tokens can be refreshed as they
 * expire. Called once per attempt; implementations should cache. Must be thread-safe.
 */
@FunctionalInterface
public interface TokenProvider {

    /**
     * The token to send now.
     *
     * @return completes with the token; failing it fails the request with the same exception
     */
    CompletableFuture<String> token();

    /**
     * A fixed token, such as a personal access token.
     *
     * @param token the token
     * @return the provider
     * @throws IllegalArgumentException if {@code token} is blank or contains a line break
     */
    static TokenProvider of(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank() || token.indexOf('\r') >= 0 || token.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("token must be non-blank and on one line");
        }
        CompletableFuture<String> value = CompletableFuture.completedFuture(token);
        return () -> value;
    }
}
