package dev.attache.client;

import java.time.Duration;

/**
 * 429: too many requests. {@link #retryAfter()} says how long the server asked to wait.
 */
public final class RateLimitedException extends AsanaApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param response the 429 response
     */
    public RateLimitedException(ErrorResponse response) {
        super(response);
    }

    /**
     * How long to wait before retrying: the {@code Retry-After} header, or zero when absent.
     *
     * @return the delay
     */
    public Duration retryAfter() {
        return retryAfterHeader().orElse(Duration.ZERO);
    }
}
