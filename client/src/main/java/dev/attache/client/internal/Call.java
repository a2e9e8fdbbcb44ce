package dev.attache.client.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call's caller-visible future and the stage it is in (waiting for a slot, exchanging,
 * sleeping before a retry). When the future completes from outside, by {@code cancel},
 * {@code orTimeout}, a deadline or {@code close()}, the current stage is aborted at once and no
 * later stage starts.
 *
 * @param <T> the result type
 */
final class Call<T> {

    private static final Runnable NOTHING = () -> { };

    final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicReference<Runnable> abort = new AtomicReference<>(NOTHING);

    Call() {
        result.whenComplete((v, t) -> abort.getAndSet(NOTHING).run());
    }

    /**
     * Sets how to abort the stage now starting; runs it at once if the call is already over.
     *
     * @param stage undoes the stage; must be idempotent and quick
     */
    void stage(Runnable stage) {
        abort.set(stage);
        if (result.isDone()) {
            abort.getAndSet(NOTHING).run();
        }
    }

    boolean isOver() {
        return result.isDone();
    }

    /**
     * Runs {@code next} when {@code wait} completes; cancelling the call cancels the wait, and a
     * failed wait fails the call.
     *
     * @param wait a backoff sleep
     * @param next the next attempt
     */
    void after(CompletableFuture<Void> wait, Runnable next) {
        stage(() -> wait.cancel(false));
        wait.whenComplete((v, failure) -> {
            if (failure == null) {
                next.run();
            } else if (!(failure instanceof CancellationException)) {
                result.completeExceptionally(Futures.unwrap(failure));
            }
        });
    }
}
