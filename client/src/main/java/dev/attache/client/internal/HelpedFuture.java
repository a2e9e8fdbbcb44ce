package dev.attache.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A call's future whose untimed {@link #join()} and {@link #get()} send the call's pending exchange
 * on the waiting thread, rather than park while a worker is woken to do it; futures derived from it
 * ({@code thenApply} and the like) do the same. Everything else is {@link CompletableFuture}'s: a
 * timed {@code get}, callbacks and cancellation behave as always, and a worker sends the exchange
 * when nobody waits for it.
 *
 * @param <T> the result type
 */
final class HelpedFuture<T> extends CompletableFuture<T> {

    private final WaitingHelps helps;

    HelpedFuture(WaitingHelps helps) {
        this.helps = helps;
    }

    @Override
    public T join() {
        if (!isDone()) {
            helps.helpHere();
        }
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        if (!isDone()) {
            helps.helpHere();
        }
        return super.get();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new HelpedFuture<>(helps);
    }
}
