package dev.attache.cli.attachments;

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
}
