package dev.attache.server.ratelimit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.attache.server.http.ApiException;

/**
 * Asana's two limits per token (docs/api.md §7): requests per minute, counted in a fixed window that
 * opens with the token's first request, and requests in flight at once, reads and writes apart.
 * Rejected requests count against the minute's quota, as Asana's do. The minute's counts live in
 * {@link MinuteWindows}: this node's memory, or this node's memory reconciled in batches with the
 * database a cluster shares, so the quota holds across nodes (within {@link BatchedMinuteWindows}'s
 * overshoot). Requests in flight are counted per node: each node admits up to the limits by itself.
 * In-flight state lives only while a token has a request in flight. Thread-safe.
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
    /**
     * The requests each token has in flight; a token is removed when its last one ends, so the map holds
     * only tokens in use and needs no expiry. A plain map, not a cache: every request changes it twice,
     * and a cache's bookkeeping on each write cost a busy node more than the counting itself.
     */
    private final ConcurrentMap<Long, InFlight> inFlight = new ConcurrentHashMap<>();
    private final MinuteWindows windows;

    /** A limiter that counts in this node's memory. */
    public RateLimiter(RateLimits limits, Clock clock) {
        this(limits, clock, new InMemoryMinuteWindows(clock));
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
        MinuteWindows.Window window = windows.count(tokenGid, now, limits.requestsPerMinute());
        if (window.requests() > limits.requestsPerMinute()) {
            long waitMillis = Math.max(0, window.startMillis() + MinuteWindows.WINDOW_MILLIS - now);
            throw ApiException.rateLimited(Math.max(1, (waitMillis + 999) / 1000));
        }
        boolean[] admitted = {false};
        inFlight.compute(tokenGid, (key, running) -> {
            InFlight current = running != null ? running : InFlight.NONE;
            if (current.full(write, limits)) {
                return running;
            }
            admitted[0] = true;
            return current.started(write);
        });
        if (!admitted[0]) {
            throw ApiException.rateLimited(1);
        }
        return new Slot(tokenGid, write);
    }

    /** How many tokens have requests in flight. */
    int trackedTokens() {
        return inFlight.size();
    }

    /** A token's requests in flight, reads and writes apart. */
    private record InFlight(int reads, int writes) {

        static final InFlight NONE = new InFlight(0, 0);

        boolean full(boolean write, RateLimits limits) {
            return write ? writes >= limits.concurrentWrites() : reads >= limits.concurrentReads();
        }

        InFlight started(boolean write) {
            return write ? new InFlight(reads, writes + 1) : new InFlight(reads + 1, writes);
        }

        /** One fewer in flight, or null when that was the last. */
        InFlight ended(boolean write) {
            InFlight after = write ? new InFlight(reads, writes - 1) : new InFlight(reads - 1, writes);
            return after.equals(NONE) ? null : after;
        }
    }

    private final class Slot implements Permit {
        private final long tokenGid;
        private final boolean write;
        private final AtomicBoolean released = new AtomicBoolean();

        Slot(long tokenGid, boolean write) {
            this.tokenGid = tokenGid;
            this.write = write;
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            inFlight.computeIfPresent(tokenGid, (key, running) -> running.ended(write));
        }
    }
}
