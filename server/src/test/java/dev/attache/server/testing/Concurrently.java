package dev.attache.server.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** Runs tasks on threads of their own, released together, for tests of what several nodes do at once. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Runs {@code task(0..threads-1)} at the same moment and returns the results in index order. */
    public static <T> List<T> run(int threads, IntFunction<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<T>> futures = IntStream.range(0, threads)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return task.apply(i);
                    }, pool)).toList();
            start.countDown();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
