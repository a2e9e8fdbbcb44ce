package dev.attache.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on loopback that answers each request with the next scripted {@link Action}:
 * it can record requests, answer 100-continue, reset connections before or after the body, or
 * drop a response half way. Requests beyond the script get 500.
 */
public final class ScriptedServer implements AutoCloseable {

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-server");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Action> script = new LinkedBlockingQueue<>();
    private final List<Recorded> requests = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ScriptedServer() {
        try {
            socket = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads.execute(this::acceptLoop);
    }

    public ScriptedServer enqueue(Action... actions) {
        script.addAll(List.of(actions));
        return this;
    }

    public URI apiBase() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/api/1.0");
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    public synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    synchronized void record(Recorded r) {
        requests.add(r);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        open.add(s);
        try (s) {
            Exchange ex = new Exchange(s, this);
            while (ex.readHead()) {
                Action action = script.poll();
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    (action != null ? action : Actions.status(500, "{\"errors\":[{\"message\":\"unscripted\"}]}"))
                            .handle(ex);
                } finally {
                    inFlight.decrementAndGet();
                }
                if (ex.closed()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away or the test ended.
        } finally {
            open.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One scripted response. */
    @FunctionalInterface
    public interface Action {
        void handle(Exchange exchange) throws IOException, InterruptedException;
    }
}
