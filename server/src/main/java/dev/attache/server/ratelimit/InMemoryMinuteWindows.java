package dev.attache.server.ratelimit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Windows in this node's memory: the embedded default, where one node sees every request. A token's
 * window is forgotten once it has closed, which loses nothing (the next request opens a fresh one), so
 * memory holds only the tokens used within the last minute.
 */
public final class InMemoryMinuteWindows implements MinuteWindows {

    private final Clock clock;
    private final Cache<Long, Window> windows;

    public InMemoryMinuteWindows(Clock clock) {
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new UntilWindowCloses<Window>(clock, Window::startMillis))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Window count(long tokenGid, long nowMillis, int quota) {
        return windows.asMap().compute(tokenGid, (k, w) -> w == null ? new Window(nowMillis, 1) : w.next(nowMillis));
    }

    /** How many tokens have an open window, after dropping the closed. */
    long trackedTokens() {
        windows.cleanUp();
        return windows.estimatedSize();
    }
}
