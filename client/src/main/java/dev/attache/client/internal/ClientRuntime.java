package dev.attache.client.internal;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The threads and HTTP clients one {@code AttachmentsApi} owns, and every call still open on it.
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
 * <p>Unless the caller supplied an HTTP client or an executor, there are two HTTP clients, told
 * apart by whether anything in an exchange can block. {@linkplain #exchangeMessage Messages}
 * (a request without a body, an answer read whole into memory) go through one whose internal
 * tasks run on its own selector thread: the JDK would otherwise hand every response from that
 * thread to a pool thread before waking the sender, and that hand-off costs about a quarter of a
 * small call on a two-CPU machine ({@code docs/benchmarks.md}, client). Nothing in such an
 * exchange can block that thread. {@linkplain #exchange Transfers} (uploads, whose bodies are read
 * from the caller's files and streams, and downloads, which write to disk and report progress)
 * would block it, so they go through a second client, built on first use, whose tasks run on the
 * workers.
 *
 * <p>{@link #close()} cancels open calls and ends every thread this object started; threads of an
 * HTTP client or executor the caller supplied are left alone.
 */
public final class ClientRuntime implements AutoCloseable {

    /**
     * Runs the HTTP client's internal tasks where they are handed over: on its selector thread.
     * Deliberately not an {@code ExecutorService}: the JDK expects only an executor "like
     * {@code r -> r.run()}" to run response delivery on that thread (an assertion in
     * {@code Http1AsyncReceiver} says so).
     */
    private static final Executor ON_SELECTOR_THREAD = Runnable::run;

    private final ExecutorService workers;
    private final ScheduledThreadPoolExecutor timer;
    private final HttpClient messages;
    private final boolean ownsHttp;
    // Builds the transfers client on first use; null when transfers share the messages client.
    private final HttpClient.@Nullable Builder transfersBuilder;
    // Guarded by this.
    private @Nullable HttpClient transfers;
    private final Set<CompletableFuture<?>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ClientRuntime(ExecutorService workers, ScheduledThreadPoolExecutor timer, HttpClient messages,
            boolean ownsHttp, HttpClient.@Nullable Builder transfersBuilder) {
        this.workers = workers;
        this.timer = timer;
        this.messages = messages;
        this.ownsHttp = ownsHttp;
        this.transfersBuilder = transfersBuilder;
        this.transfers = transfersBuilder == null ? messages : null;
    }

    /**
     * Starts a runtime (threads are created only when first needed).
     *
     * @param supplied the caller's HTTP client, used for every exchange, or null to build them
     * @param executor the caller's executor for one HTTP client built here and used for every
     *     exchange, or null to build the two described above
     * @param configure settings for the HTTP clients built here; the runtime sets their executors
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
            return new ClientRuntime(workers, timer, supplied, false, null);
        }
        if (executor != null) {
            return new ClientRuntime(workers, timer, configure.executor(executor).build(), true, null);
        }
        HttpClient messages = configure.executor(ON_SELECTOR_THREAD).build();
        return new ClientRuntime(workers, timer, messages, true, configure.executor(workers));
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
     * Sends a transfer (any request, any body handler, including ones that block) on a worker thread.
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
     * Sends a transfer on a worker thread, or on the thread that waits for the call if it gets
     * there first (see {@link HelpedFuture}).
     *
     * @param request the request
     * @param handler the body handler
     * @param helps where a waiting thread finds the exchange, or null to leave it to the workers
     * @param <T> the body type
     * @return completes with the response on the thread that sent it; cancelling it interrupts the exchange
     */
    <T> CompletableFuture<HttpResponse<T>> exchange(HttpRequest request, BodyHandler<T> handler,
            @Nullable WaitingHelps helps) {
        HttpClient http;
        try {
            http = transfers();
        } catch (RuntimeException closedOrNoSelector) {
            // Failed rather than thrown: the caller runs in a future's callback, where a throw would be lost.
            return CompletableFuture.failedFuture(closedOrNoSelector);
        }
        return start(new Exchange<>(http, request, handler, workers, helps != null), helps);
    }

    /**
     * Sends a message, a request without a body whose answer is read whole into memory, as
     * {@link #exchange(HttpRequest, BodyHandler, WaitingHelps)} does, through the HTTP client whose
     * internal tasks run on its selector thread.
     *
     * @param request the request; must have no body
     * @param helps where a waiting thread finds the exchange, or null to leave it to the workers
     * @return completes with the response on the thread that sent it, or fails at once with
     *     {@link IllegalArgumentException} if the request has a body; cancelling it interrupts the exchange
     */
    CompletableFuture<HttpResponse<byte[]>> exchangeMessage(HttpRequest request, @Nullable WaitingHelps helps) {
        // A body publisher would be pulled on the selector thread, where a slow read stalls every exchange.
        // Failed rather than thrown: the caller runs in a future's callback, where a throw would be lost.
        if (request.bodyPublisher().map(body -> body.contentLength() != 0).orElse(false)) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("a message has no body: " + request.method() + " " + request.uri()));
        }
        return start(new Exchange<>(messages, request, BodyHandlers.ofByteArray(), workers, helps != null), helps);
    }

    /** The transfers client, built on first use; refuses with {@link IllegalStateException} once closed. */
    private synchronized HttpClient transfers() {
        if (transfers == null) {
            if (closed) {
                throw new IllegalStateException("the client is closed");
            }
            transfers = transfersBuilder.build();
        }
        return transfers;
    }

    private <T> CompletableFuture<HttpResponse<T>> start(Exchange<T> exchange, @Nullable WaitingHelps helps) {
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
     * Cancels every open call, stops the worker and timer threads, and releases the HTTP clients
     * this runtime built; waits briefly for those threads to end. Idempotent.
     */
    @Override
    public void close() {
        HttpClient builtTransfers;
        synchronized (this) {
            // Under the lock, so no transfers client is built after this point and left running.
            closed = true;
            builtTransfers = transfers == messages ? null : transfers;
        }
        for (CompletableFuture<?> call : open) {
            call.cancel(true);
        }
        timer.shutdownNow();
        workers.shutdownNow();
        List<Thread> selectors = new ArrayList<>();
        if (ownsHttp) {
            selectors.add(shutDown(messages));
            if (builtTransfers != null) {
                selectors.add(shutDown(builtTransfers));
            }
        }
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            timer.awaitTermination(5, TimeUnit.SECONDS);
            for (Thread selector : selectors) {
                if (selector != null) {
                    selector.join(5000);
                }
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
