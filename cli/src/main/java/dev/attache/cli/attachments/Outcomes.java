package dev.attache.cli.attachments;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Waits for a batch of transfers that run side by side. Every one gets to finish, so one failure
 * does not abandon the others half-written.
 */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * Waits for every future; reports every failure but the first on {@code err} and throws the first.
     *
     * @param futures the batch, in the order results are wanted
     * @param labels  what each future was about, for the reported failures
     * @param err     where the later failures go
     * @return the results in order, when all succeeded
     */
    static <T> List<T> awaitAll(List<CompletableFuture<T>> futures, List<String> labels, PrintWriter err) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
        List<T> results = new ArrayList<>();
        RuntimeException first = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                results.add(futures.get(i).join());
            } catch (CompletionException e) {
                RuntimeException cause = unwrap(e);
                if (first == null) {
                    first = cause;
                } else {
                    err.println("attache: " + labels.get(i) + ": " + cause.getMessage());
                }
            }
        }
        if (first != null) {
            err.flush();
            throw first;
        }
        return results;
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
