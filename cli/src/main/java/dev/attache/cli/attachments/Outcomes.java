package dev.attache.cli.attachments;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waits for futures, throwing their failures themselves rather than wrapped. */
final class Outcomes {

    private Outcomes() {
    }

    /** Waits for one future, throwing its failure itself rather than wrapped. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable t = Failures.unwrapped(e);
            throw t instanceof RuntimeException r ? r : new CompletionException(t);
        }
    }

    /**
     * Waits until every future has finished, whether it succeeded or failed: each item of a batch
     * reports its own outcome as it finishes, so the batch only waits for the last.
     */
    static void settle(Collection<? extends CompletableFuture<?>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
    }
}
