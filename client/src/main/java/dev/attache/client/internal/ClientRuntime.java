package dev.attache.client.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The threads and HTTP client one {@code AttachmentsApi} owns, and every call still open on it.
 *
 * <p>Exchanges run as blocking {@link HttpClient#send} calls on the client's own worker pool of
 * daemon threads, which also runs the HTTP client's internal tasks unless the caller supplied an
 * executor or an HTTP client. {@code sendAsync} would save the hand-off to a worker, but the JDK
 * completes its future through {@code CompletableFuture}'s default executor, which on a machine
 * with fewer than three CPUs starts a new thread for every response. {@code send} completes on the
 * worker, and interrupting it cancels the exchange (the JDK then cancels the future
 * {@code sendAsync} made inside it), so a cancelled call stops sending at once. Workers are reused:
 * a run of sequential calls uses two or three threads (the sender and the HTTP client's tasks), and
 * calls in flight at most one sender each.
 *
 * <p>{@link #close()} cancels open calls and ends every thread this object started; threads of an
 * HTTP client or executor the caller supplied are left alone. On Java 21 and later the HTTP client
 * built here is an {@link AutoCloseable} and is closed, which ends its selector thread and closes
 * its connections. Java 17 to 20 offer no way to stop that thread: it is a daemon, so it never
 * keeps a JVM from exiting, and it ends with its connections once the HTTP client is garbage
 * collected, which {@code close()} allows by dropping this runtime's reference to it.
 */
public final class ClientRuntime implements AutoCloseable {

    private static final String CLOSED = "the client is closed";

    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final DaemonThreads threads;
    private final boolean ownsHttp;
    // Null once closed, so a closed client holds no HTTP client (see close()).
    private volatile @Nullable HttpClient http;
    private final Set<CompletableFuture<?>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ClientRuntime(ThreadPoolExecutor workers, ScheduledThreadPoolExecutor timer, DaemonThreads threads,
            HttpClient http, boolean ownsHttp) {
        this.workers = workers;
        this.timer = timer;
        this.threads = threads;
        this.http = http;
        this.ownsHttp = ownsHttp;
    }

    /**
     * Starts a runtime (threads are created only when first needed).
     *
     * @param supplied the caller's HTTP client, used for every exchange, or null to build one
     * @param executor the caller's executor for the HTTP client built here, or null for the runtime's workers
     * @param configure settings for the HTTP client built here; the runtime sets its executor
     * @return the runtime
     */
    public static ClientRuntime create(@Nullable HttpClient supplied, @Nullable Executor executor,
            HttpClient.Builder configure) {
        DaemonThreads threads = new DaemonThreads();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads.named("attache-client-worker"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads.named("attache-client-timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(60, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        if (supplied != null) {
            return new ClientRuntime(workers, timer, threads, supplied, false);
        }
        HttpClient built = configure.executor(executor != null ? executor : workers).build();
        return new ClientRuntime(workers, timer, threads, built, true);
    }

    /**
     * Sends a request on a worker thread.
     *
     * @param request the request
     * @param handler the body handler; it may block, since it runs on the workers
     * @param <T> the body type
     * @return completes with the response on the worker that sent it, or fails with
     *     {@link IllegalStateException} once closed; cancelling it interrupts the exchange
     */
    public <T> CompletableFuture<HttpResponse<T>> exchange(HttpRequest request, BodyHandler<T> handler) {
        HttpClient client = http;
        // Failed rather than thrown: the caller runs in a future's callback, where a throw would be lost.
        if (client == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(CLOSED));
        }
        Exchange<T> exchange = new Exchange<>(client, request, handler);
        try {
            workers.execute(exchange);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(CLOSED));
        }
        return exchange.response();
    }

    /**
     * Runs {@code action} after {@code delay} on the client's timer thread.
     *
     * @param action what to run; must be quick
     * @param delay how long to wait
     * @return the scheduled task, for cancelling
     */
    public ScheduledFuture<?> schedule(Runnable action, Duration delay) {
        return timer.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * A future that completes after {@code delay}; cancelling it removes the timer task.
     *
     * @param delay how long
     * @return completes on the timer thread
     */
    public CompletableFuture<Void> sleep(Duration delay) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> task;
        try {
            task = schedule(() -> done.complete(null), delay);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
        }
        done.whenComplete((v, t) -> task.cancel(false));
        return done;
    }

    /**
     * Registers a call so {@link #close()} can cancel it; it is forgotten once complete.
     *
     * @param call the caller-visible future
     * @return false if the runtime is closed (the call then fails with {@link IllegalStateException})
     */
    public boolean track(CompletableFuture<?> call) {
        open.add(call);
        call.whenComplete((v, t) -> open.remove(call));
        if (closed) {
            call.completeExceptionally(new IllegalStateException("the client is closed"));
            return false;
        }
        return true;
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Cancels every open call, closes the HTTP client this runtime built where the JDK allows it
     * (Java 21 and later), and stops the worker and timer threads, waiting a few seconds at most for
     * them to end. Idempotent.
     */
    @Override
    public void close() {
        HttpClient client;
        synchronized (this) {
            closed = true;
            client = http;
            http = null;
        }
        for (CompletableFuture<?> call : open) {
            call.cancel(true);
        }
        // Before the workers stop: the HTTP client winds its cancelled exchanges down on them.
        if (ownsHttp && client instanceof AutoCloseable closeable) {
            closeOnJava21(closeable);
        }
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            threads.awaitEnded(System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code HttpClient} is {@link AutoCloseable} from Java 21 on: its {@code close()} waits for the
     * exchanges in progress (all cancelled by now) to end, then stops its selector thread.
     */
    private static void closeOnJava21(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            // HttpClient.close() declares no exception; nothing is left to release if one came anyway.
        }
    }
}
