package dev.attache.client;

/**
 * How many requests the client keeps in flight at once; more wait in line (without blocking a
 * thread). Asana rejects a token's requests beyond 50 concurrent reads (GET) and 15 concurrent
 * writes (POST, DELETE) with 429.
 *
 * @param reads the most GETs in flight, at least 1
 * @param writes the most POSTs and DELETEs in flight, at least 1
 */
public record ConcurrencyLimits(int reads, int writes) {

    /**
     * Checks the limits.
     *
     * @param reads the most GETs in flight, at least 1
     * @param writes the most POSTs and DELETEs in flight, at least 1
     * @throws IllegalArgumentException if a limit is below 1
     */
    public ConcurrencyLimits {
        if (reads < 1 || writes < 1) {
            throw new IllegalArgumentException("limits must be at least 1, got reads=" + reads + ", writes=" + writes);
        }
    }

    /**
     * Asana's limits: 50 reads and 15 writes.
     *
     * @return the limits
     */
    public static ConcurrencyLimits asanaDefaults() {
        return new ConcurrencyLimits(50, 15);
    }
}
