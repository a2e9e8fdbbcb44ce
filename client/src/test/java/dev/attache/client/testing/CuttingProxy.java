package dev.attache.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that forwards to a target port, and on the first {@code cuts} connections
 * whose request starts with {@code cutPrefix} forwards only {@code responseBytes} bytes of the
 * response before closing: a dropped download.
 */
public final class CuttingProxy implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger targetPort = new AtomicInteger();
    private final AtomicInteger cuts;
    private final String cutPrefix;
    private final int responseBytes;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cutting-proxy");
        t.setDaemon(true);
        return t;
    });

    public CuttingProxy(String cutPrefix, int cuts, int responseBytes) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.cutPrefix = cutPrefix;
        this.cuts = new AtomicInteger(cuts);
        this.responseBytes = responseBytes;
        threads.execute(this::acceptLoop);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    public void forwardTo(int port) {
        targetPort.set(port);
    }

    public int cutsLeft() {
        return cuts.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> relay(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort.get())) {
            InputStream in = client.getInputStream();
            byte[] first = new byte[8192];
            int n = in.read(first);
            if (n <= 0) {
                return;
            }
            boolean cut = new String(first, 0, n, StandardCharsets.ISO_8859_1).startsWith(cutPrefix)
                    && cuts.getAndDecrement() > 0;
            upstream.getOutputStream().write(first, 0, n);
            threads.execute(() -> pump(in, upstream, Long.MAX_VALUE));
            pump(upstream.getInputStream(), client, cut ? responseBytes : Long.MAX_VALUE);
            client.shutdownOutput();
        } catch (IOException e) {
            // one side went away
        }
    }

    private static void pump(InputStream from, Socket to, long limit) {
        byte[] buf = new byte[8192];
        long left = limit;
        try {
            OutputStream out = to.getOutputStream();
            int n;
            while (left > 0 && (n = from.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                out.write(buf, 0, n);
                out.flush();
                left -= n;
            }
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
