package dev.attache.client.internal;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The threads and HTTP client one {@code AttachmentsApi} owns, and every call still open on it.
 *
 * <p>Exchanges run as blocking {@link HttpClient#send} calls on the client's own worker pool.
 * {@code sendAsync} would be the obvious choice, but the JDK completes its future through
 * {@code CompletableFuture}'s default executor, which on a machine with fewer than three CPUs
 * starts a new thread for every response. {@code send} completes inline, and interrupting it
 * cancels the exchange (the JDK then cancels the future {@code sendAsync} made inside it), so a
 * cancelled call stops sending at once. Workers are reused: a run of sequential calls uses one or
 * two threads, and at most one per call in flight.
 *
 * <p>A thread that blocks on a read's future before a worker has started the exchange sends it
 * itself: see {@link HelpedFuture}.
 *
 * <p>{@link #close()} cancels open calls and ends every thread this object started; threads of an
 * HTTP client or executor the caller supplied are left alone.
 */
public final class ClientRuntime implements AutoCloseable {

    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timer;
    private final HttpClient http;
    private final boolean ownsHttp;
    private final Set<CompletableFuture<?>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ClientRuntime(ExecutorService workers, ScheduledThreadPoolExecutor timer, HttpClient http,
            boolean ownsHttp) {
        this.workers = workers;
        this.timer = timer;
        this.http = http;
        this.ownsHttp = ownsHttp;
    }

    /**
     * Starts a runtime (threads are created only when first needed).
     *
     * @param supplied the caller's HTTP client, or null to build one
     * @param executor the caller's executor for the HTTP client built here, or null to use the workers
     * @param configure settings for the HTTP client built here
     * @return the runtime
     */
    public static ClientRuntime create(@Nullable HttpClient supplied, @Nullable Executor executor,
            HttpClient.Builder configure) {
        String prefix = "attache-client";
        ThreadPoolExecutor workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemons(prefix + "-worker"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons(prefix + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(60, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        if (supplied != null) {
            return new ClientRuntime(workers, timer, supplied, false);
        }
        return new ClientRuntime(workers, timer, configure.executor(executor != null ? executor : workers).build(),
                true);
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Sends a request on a worker thread.
     *
     * @param request the request
     * @param handler the body handler
     * @param <T> the body type
     * @return completes with the response on the thread that sent it; cancelling it interrupts the exchange
     */
    public <T> CompletableFuture<HttpResponse<T>> exchange(HttpRequest request, BodyHandler<T> handler) {
        return exchange(request, handler, null);
    }

    /**
     * Sends a request on a worker thread, or on the thread that waits for the call if it gets there
     * first (see {@link HelpedFuture}).
     *
     * @param request the request
     * @param handler the body handler
     * @param helps where a waiting thread finds the exchange, or null to leave it to the workers
     * @param <T> the body type
     * @return completes with the response on the thread that sent it; cancelling it interrupts the exchange
     */
    <T> CompletableFuture<HttpResponse<T>> exchange(HttpRequest request, BodyHandler<T> handler,
            @Nullable WaitingHelps helps) {
        Exchange<T> exchange = new Exchange<>(http, request, handler, workers);
        try {
            workers.execute(exchange);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the client is closed"));
        }
        if (helps != null) {
            helps.offer(exchange);
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
     * The HTTP client in use.
     *
     * @return the client
     */
    public HttpClient http() {
        return http;
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
     * Cancels every open call, stops the worker and timer threads, and releases the HTTP client
     * this runtime built; waits briefly for those threads to end. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<?> call : open) {
            call.cancel(true);
        }
        timer.shutdownNow();
        workers.shutdownNow();
        Thread selector = ownsHttp ? shutDown(http) : null;
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            timer.awaitTermination(5, TimeUnit.SECONDS);
            if (selector != null) {
                selector.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Releases an HTTP client's own thread. Java 21 added {@code HttpClient.shutdownNow()}; on
     * Java 17 to 20 the client has no such method and its selector thread would live until the
     * client is garbage collected, so it is interrupted instead, which makes it close the
     * client's connections and exit. The thread is found by the name the JDK gives it,
     * {@code HttpClient-<id>-SelectorManager}, with the id from the client's {@code toString()}.
     *
     * @return the selector thread to wait for, or null when none was found
     */
    private static @Nullable Thread shutDown(HttpClient http) {
        Thread selector = selectorThread(http);
        try {
            Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
            shutdownNow.invoke(http);
            return selector;
        } catch (ReflectiveOperationException olderThan21) {
            // Java 17 to 20: fall through to the interrupt.
        }
        if (selector != null) {
            selector.interrupt();
        }
        return selector;
    }

    private static @Nullable Thread selectorThread(HttpClient http) {
        String text = http.toString();
        int open = text.lastIndexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String name = "HttpClient-" + text.substring(open + 1, close) + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().equals(name)) {
                return threads[i];
            }
        }
        return null;
    }
}
