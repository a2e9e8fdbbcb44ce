package dev.attache.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that forwards one connection to a target port, passing the client's bytes
 * on at a capped rate and counting them: how many bytes the server received, and whether the client
 * stopped sending before the end.
 */
public final class ThrottlingProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final int targetPort;
    private final long bytesPerSecond;
    private final AtomicLong forwarded = new AtomicLong();
    private final CompletableFuture<Long> clientDone = new CompletableFuture<>();
    private volatile long mark = Long.MAX_VALUE;
    private final CompletableFuture<Long> markPassed = new CompletableFuture<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "throttling-proxy");
        t.setDaemon(true);
        return t;
    });

    public ThrottlingProxy(int targetPort, long bytesPerSecond) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.bytesPerSecond = bytesPerSecond;
        threads.execute(this::acceptOne);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** Bytes passed on to the server so far. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Completes when {@code bytes} have been forwarded (or the client stopped before that). */
    public CompletableFuture<Long> whenForwarded(long bytes) {
        mark = bytes;
        if (forwarded.get() >= bytes) {
            markPassed.complete(forwarded.get());
        }
        return markPassed;
    }

    /** Completes with the bytes forwarded once the client's side of the connection has ended. */
    public CompletableFuture<Long> clientDone() {
        return clientDone;
    }

    private void acceptOne() {
        try (Socket client = socket.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            threads.execute(() -> copy(upstream, client));
            pace(client.getInputStream(), upstream.getOutputStream());
            upstream.shutdownOutput();
            markPassed.complete(forwarded.get());
            clientDone.complete(forwarded.get());
            // Keep both open until the server has answered or gone.
            upstream.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            markPassed.complete(forwarded.get());
            clientDone.complete(forwarded.get());
        }
    }

    private void pace(InputStream from, OutputStream to) {
        byte[] buf = new byte[64 * 1024];
        long start = System.nanoTime();
        try {
            int n;
            while ((n = from.read(buf)) > 0) {
                to.write(buf, 0, n);
                long total = forwarded.addAndGet(n);
                if (total >= mark) {
                    markPassed.complete(total);
                }
                long due = start + total * 1_000_000_000L / bytesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client reset the connection or the test ended.
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
