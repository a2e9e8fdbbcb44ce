package dev.attache.client.internal;

import dev.attache.client.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a failed attempt is tried again and after how long; the rules are documented
 * on {@link RetryPolicy}. Stateless apart from the jitter source.
 */
final class RetryRules {

    private final RetryPolicy policy;
    private final DoubleSupplier jitter;

    RetryRules(RetryPolicy policy, DoubleSupplier jitter) {
        this.policy = policy;
        this.jitter = jitter;
    }

    /**
     * @param request what was sent
     * @param outcome how attempt {@code attempt} ended
     * @param attempt the attempt number, from 1
     * @param elapsed time since the first attempt started
     * @param retryAfter the server's {@code Retry-After}, or null
     * @return the delay before the next attempt, or empty to give up
     */
    Optional<Duration> delayBeforeRetry(ApiRequest request, Outcome outcome, int attempt, Duration elapsed,
            @Nullable Duration retryAfter) {
        // Out of attempts.
        if (attempt >= policy.maxAttempts()) {
            return Optional.empty();
        }
        // A body that cannot be replayed would go out empty or truncated the second time.
        if (!request.replayable()) {
            return Optional.empty();
        }
        if (!isRetryable(request, outcome)) {
            return Optional.empty();
        }
        // The server's hint wins over our backoff: it knows when the quota refills.
        Duration delay = retryAfter != null ? retryAfter : jittered(policy.backoff(attempt));
        // Waiting past the time budget only delays the inevitable failure.
        if (elapsed.plus(delay).compareTo(policy.maxElapsed()) > 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    private static boolean isRetryable(ApiRequest request, Outcome outcome) {
        if (outcome.response() == null) {
            // Connection failure: a POST whose body never left may be resent; otherwise the
            // server may have acted on it.
            return request.isIdempotent() || outcome.bodyBytesRead() == 0;
        }
        int status = outcome.response().statusCode();
        // 429: refused before any work was done, for every method.
        if (status == 429) {
            return true;
        }
        // 500/502/503/504: transient, but a POST may have been processed already.
        boolean transientStatus = status == 500 || status == 502 || status == 503 || status == 504;
        return transientStatus && request.isIdempotent();
    }

    private Duration jittered(Duration backoff) {
        long half = backoff.toNanos() / 2;
        return Duration.ofNanos(half + (long) (jitter.getAsDouble() * half));
    }
}
