package dev.attache.server.ratelimit;

/**
 * Per-token limits (docs/api.md §7).
 *
 * @param enabled          whether any limit applies
 * @param requestsPerMinute requests a token may start in any minute; rejected requests count too
 * @param concurrentReads  GET and HEAD requests a token may have in flight at once
 * @param concurrentWrites POST, PUT and DELETE requests a token may have in flight at once
 */
public record RateLimits(boolean enabled, int requestsPerMinute, int concurrentReads, int concurrentWrites) {

    /** Asana's paid-plan figures: 1,500 a minute, 50 reads and 15 writes in flight. */
    public static final RateLimits ASANA_PAID_PLAN = new RateLimits(true, 1500, 50, 15);

    /** No limits at all. */
    public static final RateLimits NONE = new RateLimits(false, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    public RateLimits {
        if (requestsPerMinute < 1 || concurrentReads < 1 || concurrentWrites < 1) {
            throw new IllegalArgumentException("rate limits must be positive: " + requestsPerMinute + "/min, "
                    + concurrentReads + " reads, " + concurrentWrites + " writes");
        }
    }
}
