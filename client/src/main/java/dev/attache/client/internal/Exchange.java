package dev.attache.client.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One blocking {@code HttpClient.send} of one request, run by a worker. Cancelling
 * {@link #response()} interrupts that worker, which makes the JDK abort the exchange.
 *
 * @param <T> the body type
 */
final class Exchange<T> implements Runnable {

    private final HttpClient http;
    private final HttpRequest request;
    private final BodyHandler<T> handler;
    private final CompletableFuture<HttpResponse<T>> response = new CompletableFuture<>();

    // Guarded by this: the worker while it is sending.
    private @Nullable Thread sender;

    /** An exchange, not started yet. */
    Exchange(HttpClient http, HttpRequest request, BodyHandler<T> handler) {
        this.http = http;
        this.request = request;
        this.handler = handler;
        response.whenComplete((r, t) -> {
            if (response.isCancelled()) {
                interruptSender();
            }
        });
    }

    /** Completes with the response on the worker that sent the request; cancelling it aborts the exchange. */
    CompletableFuture<HttpResponse<T>> response() {
        return response;
    }

    @Override
    public void run() {
        synchronized (this) {
            if (response.isDone()) {
                return;
            }
            sender = Thread.currentThread();
        }
        try {
            response.complete(http.send(request, handler));
        } catch (InterruptedException e) {
            // By a cancel, which has completed the response already, or by close() stopping the workers.
            response.cancel(false);
        } catch (Throwable t) {
            response.completeExceptionally(t);
        } finally {
            synchronized (this) {
                sender = null;
            }
            // A cancel's interrupt may land after send returned; the worker goes on to other work without it.
            Thread.interrupted();
        }
    }

    private synchronized void interruptSender() {
        if (sender != null) {
            sender.interrupt();
        }
    }
}
