package dev.attache.client.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cancels an upload that has made no progress for the idle timeout. Unlike a request timeout
 * this never cuts off a slow upload that is still moving.
 */
final class IdleWatchdog {

    private final CompletableFuture<?> exchange;
    private final BodyTracker tracker;
    private final long idleMillis;
    private final long checkMillis;
    private final AtomicBoolean fired = new AtomicBoolean();

    private IdleWatchdog(CompletableFuture<?> exchange, BodyTracker tracker, Duration idle) {
        this.exchange = exchange;
        this.tracker = tracker;
        this.idleMillis = idle.toMillis();
        this.checkMillis = Math.max(10, Math.min(1000, idleMillis / 4));
    }

    static IdleWatchdog watch(CompletableFuture<?> exchange, BodyTracker tracker, Duration idle) {
        IdleWatchdog dog = new IdleWatchdog(exchange, tracker, idle);
        dog.schedule();
        return dog;
    }

    boolean fired() {
        return fired.get();
    }

    private void schedule() {
        CompletableFuture.delayedExecutor(checkMillis, TimeUnit.MILLISECONDS).execute(this::check);
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
