package dev.attache.client;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Supplies the bearer token for each request, so OAuth access tokens can be refreshed as they
 * expire. {@link #token()} is called once per attempt and should be cheap (cache the token);
 * {@link #refresh(String)} is called after a 401, once for all the requests refused with the same
 * token: concurrent 401s share one refresh and its result. Must be thread-safe.
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
     * Called when the API answered 401 to {@code rejected}: an OAuth provider refreshes its access
     * token here. If the returned token differs from {@code rejected}, the request is sent once
     * more with it (uploads only when {@linkplain Upload#replayable() replayable}); otherwise the
     * 401 stands. The default returns {@code rejected}, so fixed tokens are never retried.
     *
     * @param rejected the token the API refused
     * @return completes with the token to use from now on
     */
    default CompletableFuture<String> refresh(String rejected) {
        return CompletableFuture.completedFuture(rejected);
    }

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
