package dev.attache.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries without blocking a thread. Tests inject one that records the delays and
 * returns at once.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Returns a future that completes after {@code delay}.
     *
     * @param delay how long to wait; zero or more
     * @return completes normally when the time is up
     */
    CompletableFuture<Void> sleep(Duration delay);

    /**
     * The real sleeper, on the JDK's shared delayed executor.
     *
     * @return the sleeper
     */
    static Sleeper system() {
        return delay -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));
    }
}
