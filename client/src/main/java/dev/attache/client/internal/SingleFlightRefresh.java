package dev.attache.client.internal;

import dev.attache.client.TokenProvider;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Shares one {@link TokenProvider#refresh} among every request the API refused with the same
 * token: five concurrent 401s cause one refresh, and all five retry with its result. A later 401
 * for the token that refresh returned starts a new one. Thread-safe.
 */
final class SingleFlightRefresh {

    private final TokenProvider tokens;
    private @Nullable String rejected;
    private @Nullable CompletableFuture<String> refreshed;

    SingleFlightRefresh(TokenProvider tokens) {
        this.tokens = tokens;
    }

    CompletableFuture<String> refresh(String rejectedToken) {
        synchronized (this) {
            if (refreshed != null && rejectedToken.equals(rejected) && !refreshed.isCompletedExceptionally()) {
                return refreshed;
            }
            rejected = rejectedToken;
            refreshed = new CompletableFuture<>();
        }
        CompletableFuture<String> mine = refreshed;
        CompletableFuture<String> started;
        try {
            started = tokens.refresh(rejectedToken);
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((token, failure) -> {
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(token);
            }
        });
        return mine;
    }
}
