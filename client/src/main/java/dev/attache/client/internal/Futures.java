package dev.attache.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Chains of futures whose cancellation reaches back: unlike {@code thenCompose}, completing the
 * returned future from outside (cancel, timeout) cancels whichever step is still running, so the
 * HTTP exchange behind it stops.
 */
public final class Futures {

    private Futures() {
    }

    /**
     * Runs {@code next} on the result of {@code first}, on the thread that completed it.
     *
     * @param first the first step
     * @param next the second step
     * @param <A> the first result
     * @param <B> the final result
     * @return completes with the second step's result, or the first failure
     */
    public static <A, B> CompletableFuture<B> compose(CompletableFuture<A> first,
            Function<? super A, ? extends CompletableFuture<B>> next) {
        CompletableFuture<B> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<?>> running = new AtomicReference<>(first);
        first.whenComplete((a, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            if (result.isDone()) {
                return;
            }
            CompletableFuture<B> second;
            try {
                second = next.apply(a);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            running.set(second);
            if (result.isDone()) {
                second.cancel(true);
                return;
            }
            second.whenComplete((b, secondFailure) -> {
                if (secondFailure != null) {
                    result.completeExceptionally(unwrap(secondFailure));
                } else {
                    result.complete(b);
                }
            });
        });
        result.whenComplete((b, failure) -> running.get().cancel(true));
        return result;
    }

    /**
     * Applies {@code map} to the result of {@code first}, on the thread that completed it.
     *
     * @param first the step
     * @param map the mapping; what it throws fails the result
     * @param <A> the step's result
     * @param <B> the mapped result
     * @return completes with the mapped result; cancelling it cancels {@code first}
     */
    public static <A, B> CompletableFuture<B> map(CompletableFuture<A> first, Function<? super A, ? extends B> map) {
        return compose(first, a -> CompletableFuture.completedFuture(map.apply(a)));
    }

    /**
     * The failure inside a {@link CompletionException}.
     *
     * @param failure as a stage saw it
     * @return the cause
     */
    public static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
