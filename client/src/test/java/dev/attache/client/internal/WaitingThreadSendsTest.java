package dev.attache.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.testing.ScriptedServer;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thread that blocks on a read's future sends the read itself when no worker has started it
 * ({@link HelpedFuture}, {@link WaitingHelps}, {@link Exchange}). The workers here only queue what
 * they are given, so who sends is never left to a race; a test runs the queue when it wants a worker.
 */
@Timeout(60)
class WaitingThreadSendsTest {

    private final ScriptedServer server = new ScriptedServer();
    private final RecordingClient http = new RecordingClient(HttpClient.newHttpClient());
    private final BlockingQueue<Runnable> queued = new LinkedBlockingQueue<>();
    private final Executor workers = queued::add;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);

    @AfterEach
    void stop() throws IOException {
        gate.countDown();
        Thread.interrupted();
        server.close();
    }

    @Test
    void joinSendsAWaitingReadOnTheJoiningThread() {
        server.enqueue(ok());
        Call call = call();

        assertThat(call.future.join()).isEqualTo(200);

        assertThat(http.senders).containsExactly(Thread.currentThread());
    }

    @Test
    void aWorkerThatFindsTheReadSentAlreadySendsNothing() {
        server.enqueue(ok(), ok());
        Call call = call();
        call.future.join();

        queued.poll().run();

        assertThat(http.senders).hasSize(1);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aTimedWaitLeavesTheReadToTheWorkers() {
        server.enqueue(ok());
        Call call = call();

        assertThatThrownBy(() -> call.future.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        assertThat(http.senders).isEmpty();
        queued.poll().run();
        assertThat(call.future.join()).isEqualTo(200);
    }

    @Test
    void cancellingAReadSentByTheJoiningThreadAbortsItAndLeavesThatThreadUninterrupted() throws Exception {
        server.enqueue(held());
        Call call = call();
        CompletableFuture.runAsync(() -> {
            await(arrived);
            call.future.cancel(true);
        });

        assertThatThrownBy(call.future::join).isInstanceOf(CancellationException.class);

        assertThat(call.exchange.response().isCancelled()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anInterruptOfTheJoiningThreadMidSendHandsTheReadToAWorkerAndKeepsTheInterrupt() throws Exception {
        server.enqueue(held(), ok());
        Call call = call();
        Thread joining = Thread.currentThread();
        CompletableFuture.runAsync(() -> {
            await(arrived);
            joining.interrupt();
            // Held until the interrupted send has given up, so the first answer cannot beat the interrupt
            // (on JDK 25 it sometimes did, and the send returned it with the interrupt still set).
            await(http.interruptedSend);
            gate.countDown();
            // A worker: runs what it is given until the read is over (the first entry is the one the read started with).
            while (!call.future.isDone()) {
                try {
                    Runnable task = queued.poll(100, TimeUnit.MILLISECONDS);
                    if (task != null) {
                        task.run();
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });

        int status = call.future.join();

        assertThat(status).isEqualTo(200);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(http.senders).hasSize(2).first().isEqualTo(joining);
    }

    /** A read as the transport makes one: its future completes from the exchange's response. */
    private Call call() {
        WaitingHelps helps = new WaitingHelps();
        HelpedFuture<Integer> future = new HelpedFuture<>(helps);
        Exchange<byte[]> exchange = new Exchange<>(http, HttpRequest.newBuilder(server.url("/attachments/7")).build(),
                BodyHandlers.ofByteArray(), workers, true);
        exchange.response().whenComplete((r, t) -> {
            if (t == null) {
                future.complete(r.statusCode());
            } else {
                future.completeExceptionally(t);
            }
        });
        future.whenComplete((v, t) -> {
            if (future.isCancelled()) {
                exchange.response().cancel(true);
            }
        });
        workers.execute(exchange);
        helps.offer(exchange);
        return new Call(future, exchange);
    }

    private record Call(HelpedFuture<Integer> future, Exchange<byte[]> exchange) {
    }

    private static ScriptedServer.Action ok() {
        return ex -> {
            ex.readBody();
            ex.respond(200, Map.of("Content-Type", "application/json"), "{\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Tells {@link #arrived}, then answers only once {@link #gate} opens. */
    private ScriptedServer.Action held() {
        return ex -> {
            ex.readBody();
            arrived.countDown();
            gate.await(10, TimeUnit.SECONDS);
            ex.respond(200, Map.of("Content-Type", "application/json"), "{\"data\":{}}".getBytes(StandardCharsets.UTF_8));
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's client, noting the thread of every {@code send}. */
    private static final class RecordingClient extends HttpClient {

        final List<Thread> senders = new CopyOnWriteArrayList<>();
        final CountDownLatch interruptedSend = new CountDownLatch(1);
        private final HttpClient delegate;

        RecordingClient(HttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) throws IOException, InterruptedException {
            senders.add(Thread.currentThread());
            try {
                return delegate.send(request, handler);
            } catch (InterruptedException e) {
                interruptedSend.countDown();
                throw e;
            }
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler) {
            return delegate.sendAsync(request, handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler,
                HttpResponse.PushPromiseHandler<T> push) {
            return delegate.sendAsync(request, handler, push);
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return delegate.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return delegate.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return delegate.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return delegate.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return delegate.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return delegate.authenticator();
        }

        @Override
        public Version version() {
            return delegate.version();
        }

        @Override
        public Optional<Executor> executor() {
            return delegate.executor();
        }
    }
}
