package dev.attache.server.ratelimit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.attache.server.http.ApiException;

/**
 * Asana's two limits per token (docs/api.md §7): requests per minute, counted in a fixed window that
 * opens with the token's first request, and requests in flight at once, reads and writes apart.
 * Rejected requests count against the minute's quota, as Asana's do. The minute's counts live in
 * {@link MinuteWindows}: this node's memory, or this node's memory reconciled in batches with the
 * database a cluster shares, so the quota holds across nodes (within {@link BatchedMinuteWindows}'s
 * overshoot). Requests in flight are counted per node: each node admits up to the limits by itself.
 * In-flight state lives only for tokens in use: a token idle for longer than a window is forgotten.
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
    /**
     * A token's state lives while it is in use: it expires once the token has had nothing in flight for
     * a whole window, when a next request would open a fresh window anyway. Every change goes through
     * {@code compute}, so expiry is reconsidered on each one.
     */
    private final Cache<Long, TokenState> states;
    private final MinuteWindows windows;

    /** A limiter that counts in this node's memory. */
    public RateLimiter(RateLimits limits, Clock clock) {
        this(limits, clock, new InMemoryMinuteWindows(clock));
    }

    public RateLimiter(RateLimits limits, Clock clock, MinuteWindows windows) {
        this.limits = limits;
        this.clock = clock;
        this.windows = windows;
        this.states = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new IdleExpiry())
                .executor(Runnable::run)
                .build();
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
        states.asMap().compute(tokenGid, (key, existing) -> {
            TokenState state = existing != null ? existing : new TokenState();
            admitted[0] = state.admit(write, limits);
            return state;
        });
        if (!admitted[0]) {
            throw ApiException.rateLimited(1);
        }
        return new Slot(tokenGid, write);
    }

    /** How many tokens the limiter holds state for, after dropping the expired. */
    long trackedTokens() {
        states.cleanUp();
        return states.estimatedSize();
    }

    /** Mutable, guarded by the cache's per-key lock: only touched inside {@code compute}. */
    private static final class TokenState {
        int reads;
        int writes;

        /** Takes an in-flight slot if one is free. */
        boolean admit(boolean write, RateLimits limits) {
            if (write ? writes >= limits.concurrentWrites() : reads >= limits.concurrentReads()) {
                return false;
            }
            if (write) {
                writes++;
            } else {
                reads++;
            }
            return true;
        }

        boolean inFlight() {
            return reads > 0 || writes > 0;
        }
    }

    /** Never while a request is in flight; otherwise one window after the last change. */
    private static final class IdleExpiry implements Expiry<Long, TokenState> {
        private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(MinuteWindows.WINDOW_MILLIS);

        @Override
        public long expireAfterCreate(Long key, TokenState state, long currentTime) {
            return state.inFlight() ? Long.MAX_VALUE : WINDOW_NANOS;
        }

        @Override
        public long expireAfterUpdate(Long key, TokenState state, long currentTime, long currentDuration) {
            return expireAfterCreate(key, state, currentTime);
        }

        @Override
        public long expireAfterRead(Long key, TokenState state, long currentTime, long currentDuration) {
            return currentDuration;
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
            states.asMap().computeIfPresent(tokenGid, (key, state) -> {
                if (write) {
                    state.writes--;
                } else {
                    state.reads--;
                }
                return state;
            });
        }
    }
}
