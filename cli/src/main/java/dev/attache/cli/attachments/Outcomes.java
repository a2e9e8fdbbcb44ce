package dev.attache.cli.attachments;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waits for futures, throwing their failures themselves rather than wrapped. */
final class Outcomes {

    private Outcomes() {
    }

    /** Waits for one future, throwing its failure itself rather than wrapped. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    /** The failure a future's wrapper hides. */
    static RuntimeException unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
    }
}
