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
     * A real sleeper on the JDK's shared delayed executor, which completes on
     * {@code CompletableFuture}'s default executor (a new thread per wait on machines with fewer
     * than three CPUs). Clients do not use it unless given it: by default they wait on a timer
     * thread of their own, which {@link AttachmentsApi#close()} ends.
     *
     * @return the sleeper
     */
    static Sleeper system() {
        return delay -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));
    }
}
