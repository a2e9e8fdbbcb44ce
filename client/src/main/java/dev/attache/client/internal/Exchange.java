package dev.attache.client.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One blocking {@code HttpClient.send} of one request, run once: by a worker, or by the thread that
 * is waiting for the call anyway ({@link #runHere()}, through {@link WaitingHelps}), whichever
 * starts first. Cancelling {@link #response()} interrupts whichever thread is sending, which makes
 * the JDK abort the exchange.
 *
 * @param <T> the body type
 */
final class Exchange<T> implements Runnable {

    private enum State { WAITING, RUNNING, DONE }

    private final HttpClient http;
    private final HttpRequest request;
    private final BodyHandler<T> handler;
    private final Executor workers;
    private final boolean claimable;
    private final CompletableFuture<HttpResponse<T>> response = new CompletableFuture<>();

    // Guarded by this: who is sending, and whether a cancel interrupted them.
    private State state = State.WAITING;
    private Thread runner;
    private boolean aborted;

    /**
     * An exchange, not started yet.
     *
     * @param claimable whether it is also offered to a waiting thread ({@link WaitingHelps})
     */
    Exchange(HttpClient http, HttpRequest request, BodyHandler<T> handler, Executor workers, boolean claimable) {
        this.http = http;
        this.request = request;
        this.handler = handler;
        this.workers = workers;
        this.claimable = claimable;
        response.whenComplete((r, t) -> {
            if (response.isCancelled()) {
                abort();
            }
        });
    }

    /** Completes with the response on the thread that sent the request; cancelling it aborts the exchange. */
    CompletableFuture<HttpResponse<T>> response() {
        return response;
    }

    /** On a worker. */
    @Override
    public void run() {
        if (claimable) {
            // The scheduler tends to run a thread it has just woken at once on the waker's CPU, ahead
            // of the waker: this worker then preempts the thread that made the call on its way to
            // join() and wins the exchange, and the call pays two hand-offs where it would have paid
            // none. Yielding once lets that thread claim it first; if it runs on another CPU, the
            // yield is one cheap system call. Workers sent 20-25% of joined reads before, almost none after.
            Thread.yield();
        }
        send(false);
    }

    /**
     * On the thread waiting for the call, which would otherwise sit idle while a worker is woken to
     * send for it: one thread hand-off fewer per call, as in a plain {@code HttpClient.send}. Skipped
     * when that thread is interrupted already, since {@code send} would refuse at once.
     */
    void runHere() {
        if (!Thread.currentThread().isInterrupted()) {
            send(true);
        }
    }

    private void send(boolean borrowed) {
        synchronized (this) {
            if (state != State.WAITING) {
                return;
            }
            state = State.RUNNING;
            runner = Thread.currentThread();
        }
        boolean interrupted = false;
        try {
            response.complete(http.send(request, handler));
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (Throwable t) {
            response.completeExceptionally(t);
        } finally {
            boolean ours;
            synchronized (this) {
                ours = aborted;
                state = interrupted && !ours && borrowed ? State.WAITING : State.DONE;
                runner = null;
            }
            if (ours) {
                // The interrupt was for this exchange; the thread goes on to other work without it.
                Thread.interrupted();
            }
            if (interrupted && !ours) {
                if (borrowed) {
                    // Someone else interrupted the waiting thread: keep its flag for it, and send from a worker instead.
                    Thread.currentThread().interrupt();
                    resubmit();
                } else {
                    // A worker is interrupted only when the client closes.
                    response.cancel(false);
                }
            }
        }
    }

    private void resubmit() {
        try {
            workers.execute(this);
        } catch (RejectedExecutionException closed) {
            response.completeExceptionally(new IllegalStateException("the client is closed"));
        }
    }

    private synchronized void abort() {
        aborted = true;
        if (state == State.RUNNING) {
            runner.interrupt();
        } else {
            state = State.DONE;
        }
    }
}
