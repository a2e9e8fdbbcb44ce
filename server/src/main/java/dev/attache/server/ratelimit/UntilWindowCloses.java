package dev.attache.server.ratelimit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Caffeine expiry for per-token minute windows: an entry lives until its window closes, counted from the
 * window's start on the limiter's clock, so a token idle past its window is forgotten. Reads leave it be.
 */
final class UntilWindowCloses<V> implements Expiry<Long, V> {

    private final Clock clock;
    private final ToLongFunction<V> startMillis;

    UntilWindowCloses(Clock clock, ToLongFunction<V> startMillis) {
        this.clock = clock;
        this.startMillis = startMillis;
    }

    @Override
    public long expireAfterCreate(Long key, V value, long currentTime) {
        long left = startMillis.applyAsLong(value) + MinuteWindows.WINDOW_MILLIS - clock.millis();
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, left));
    }

    @Override
    public long expireAfterUpdate(Long key, V value, long currentTime, long currentDuration) {
        return expireAfterCreate(key, value, currentTime);
    }

    @Override
    public long expireAfterRead(Long key, V value, long currentTime, long currentDuration) {
        return currentDuration;
    }
}
