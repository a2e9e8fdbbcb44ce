package dev.attache.server.ops;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Whether a dependency answers, known within a bound. The check itself (a query, a request to the
 * store) may take as long as its own timeouts allow, up to seconds against a dead host; a probe waits
 * only {@code bound} for it and counts a late answer as unavailable. The check runs on an executor,
 * and callers that ask while one is running share it, so probes sent against a dead dependency never
 * pile up threads behind it. Thread-safe.
 */
public final class DependencyCheck {

    /** Within Kubernetes' default probe timeout of one second, with room for the rest of the answer. */
    public static final Duration DEFAULT_BOUND = Duration.ofMillis(800);

    private final BooleanSupplier check;
    private final Executor executor;
    private final Duration bound;
    private final AtomicReference<CompletableFuture<Boolean>> running = new AtomicReference<>(CompletableFuture.completedFuture(true));

    /**
     * @param check    answers whether the dependency works; may block; an exception counts as unavailable
     * @param executor runs the check
     * @param bound    how long {@link #healthy()} waits for it
     */
    public DependencyCheck(BooleanSupplier check, Executor executor, Duration bound) {
        this.check = check;
        this.executor = executor;
        this.bound = bound;
    }

    /** Whether the dependency answered, and said it works, within the bound. */
    public boolean healthy() {
        return await(start(), System.nanoTime() + bound.toNanos());
    }

    /**
     * Starts a check, or joins the one under way; for a caller that checks several dependencies at
     * once and then {@link #await awaits} each. The future never fails.
     */
    public CompletableFuture<Boolean> start() {
        while (true) {
            CompletableFuture<Boolean> last = running.get();
            if (!last.isDone()) {
                return last;
            }
            CompletableFuture<Boolean> next = new CompletableFuture<>();
            if (running.compareAndSet(last, next)) {
                run(next);
                return next;
            }
        }
    }

    private void run(CompletableFuture<Boolean> answer) {
        try {
            executor.execute(() -> {
                try {
                    answer.complete(check.getAsBoolean());
                } catch (RuntimeException e) {
                    answer.complete(false);
                }
            });
        } catch (RejectedExecutionException e) {
            answer.complete(false);
        }
    }

    /** The check's answer if it came by {@code deadline} ({@link System#nanoTime()}), {@code false} otherwise. */
    public static boolean await(CompletableFuture<Boolean> check, long deadline) {
        try {
            return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How long {@link #healthy()} waits. */
    public Duration bound() {
        return bound;
    }
}
