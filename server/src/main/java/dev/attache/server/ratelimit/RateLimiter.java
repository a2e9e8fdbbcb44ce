package dev.attache.server.ratelimit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.attache.server.http.ApiException;

/**
 * Asana's two limits per token (docs/api.md §7): requests per minute, counted in a fixed window that
 * opens with the token's first request, and requests in flight at once, reads and writes apart.
 * Rejected requests count against the minute's quota, as Asana's do. The minute's counts live in
 * {@link MinuteWindows}: this node's memory, or the database a cluster shares so the quota holds
 * across nodes. Requests in flight are counted per node: each node admits up to the limits by itself.
 * Thread-safe.
 */
public final class RateLimiter {

    /** Held while a request runs; closing it frees its in-flight slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Permit UNLIMITED = () -> { };

    private final RateLimits limits;
    private final Clock clock;
    private final MinuteWindows windows;
    private final ConcurrentMap<Long, TokenState> states = new ConcurrentHashMap<>();

    /** A limiter that counts in this node's memory. */
    public RateLimiter(RateLimits limits, Clock clock) {
        this(limits, clock, new InMemoryMinuteWindows());
    }

    public RateLimiter(RateLimits limits, Clock clock, MinuteWindows windows) {
        this.limits = limits;
        this.clock = clock;
        this.windows = windows;
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
        long now = clock.millis();
        MinuteWindows.Window window = windows.count(tokenGid, now);
        if (window.requests() > limits.requestsPerMinute()) {
            long waitMillis = Math.max(0, window.startMillis() + MinuteWindows.WINDOW_MILLIS - now);
            throw ApiException.rateLimited(Math.max(1, (waitMillis + 999) / 1000));
        }
        TokenState state = states.computeIfAbsent(tokenGid, k -> new TokenState());
        synchronized (state) {
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
