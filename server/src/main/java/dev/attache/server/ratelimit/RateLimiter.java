package dev.attache.server.ratelimit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.attache.server.http.ApiException;

/**
 * Asana's two limits per token (docs/api.md §7): requests per minute, counted in a fixed window that
 * opens with the token's first request, and requests in flight at once, reads and writes apart.
 * Rejected requests count against the minute's quota, as Asana's do. State lives in this node's
 * memory; with several nodes each enforces its own share. Thread-safe.
 */
public final class RateLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    /** Held while a request runs; closing it frees its in-flight slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Permit UNLIMITED = () -> { };

    private final RateLimits limits;
    private final Clock clock;
    private final ConcurrentMap<Long, TokenState> states = new ConcurrentHashMap<>();

    public RateLimiter(RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Admits one request for a token, or fails with 429 and {@code Retry-After}.
     *
     * @param write whether the request changes state (POST, PUT, DELETE)
     */
    public Permit acquire(long tokenGid, boolean write) {
        if (!limits.enabled()) {
            return UNLIMITED;
        }
        TokenState state = states.computeIfAbsent(tokenGid, k -> new TokenState());
        synchronized (state) {
            long now = clock.millis();
            if (now - state.windowStart >= WINDOW_MILLIS) {
                state.windowStart = now;
                state.requests = 0;
            }
            state.requests++;
            if (state.requests > limits.requestsPerMinute()) {
                long waitMillis = state.windowStart + WINDOW_MILLIS - now;
                throw ApiException.rateLimited((waitMillis + 999) / 1000);
            }
            if (write ? state.writes >= limits.concurrentWrites() : state.reads >= limits.concurrentReads()) {
                throw ApiException.rateLimited(1);
            }
            if (write) {
                state.writes++;
            } else {
                state.reads++;
            }
        }
        return new Slot(state, write);
    }

    private static final class TokenState {
        long windowStart = Long.MIN_VALUE / 2;
        int requests;
        int reads;
        int writes;
    }

    private static final class Slot implements Permit {
        private final TokenState state;
        private final boolean write;
        private boolean released;

        Slot(TokenState state, boolean write) {
            this.state = state;
            this.write = write;
        }

        @Override
        public void close() {
            synchronized (state) {
                if (released) {
                    return;
                }
                released = true;
                if (write) {
                    state.writes--;
                } else {
                    state.reads--;
                }
            }
        }
    }
}
