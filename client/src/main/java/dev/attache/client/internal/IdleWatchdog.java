package dev.attache.client.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancels an upload or download that has made no progress for the idle timeout. Unlike a request
 * timeout this never cuts off a slow transfer that is still moving. Checks on the client's timer
 * thread.
 */
final class IdleWatchdog {

    private final ClientRuntime runtime;
    private final CompletableFuture<?> exchange;
    private final BodyTracker tracker;
    private final long idleMillis;
    private final Duration check;
    private final AtomicBoolean fired = new AtomicBoolean();

    private IdleWatchdog(ClientRuntime runtime, CompletableFuture<?> exchange, BodyTracker tracker, Duration idle) {
        this.runtime = runtime;
        this.exchange = exchange;
        this.tracker = tracker;
        this.idleMillis = idle.toMillis();
        this.check = Duration.ofMillis(Math.max(10, Math.min(1000, idleMillis / 4)));
    }

    static IdleWatchdog watch(ClientRuntime runtime, CompletableFuture<?> exchange, BodyTracker tracker,
            Duration idle) {
        IdleWatchdog dog = new IdleWatchdog(runtime, exchange, tracker, idle);
        dog.schedule();
        return dog;
    }

    boolean fired() {
        return fired.get();
    }

    private void schedule() {
        if (exchange.isDone()) {
            return;
        }
        try {
            runtime.schedule(this::check, check);
        } catch (RejectedExecutionException closed) {
            // The client is closing and cancels the exchange itself.
        }
    }

    private void check() {
        if (exchange.isDone()) {
            return;
        }
        if (tracker.idleMillis() >= idleMillis) {
            fired.set(true);
            exchange.cancel(true);
        } else {
            schedule();
        }
    }
}
