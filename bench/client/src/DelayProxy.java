import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback that delivers every chunk it reads DELAY_MICROS later, in each direction,
 * as a network with that one-way latency would (what {@code tc qdisc ... netem delay} does, for
 * machines where netem is not available). Throughput is not limited: a reader never waits for the
 * writer, chunks queue up with their due time. Prints its port, then runs until killed.
 *
 * <p>{@code java DelayProxy TARGET_PORT DELAY_MICROS}
 */
final class DelayProxy {

    private DelayProxy() {
    }

    public static void main(String[] args) throws IOException {
        int target = Integer.parseInt(args[0]);
        long delayNanos = TimeUnit.MICROSECONDS.toNanos(Long.parseLong(args[1]));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
            System.out.println(server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(loopback, target));
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pipe(client, upstream, delayNanos);
                pipe(upstream, client, delayNanos);
            }
        }
    }

    /** Bytes read from {@code from} are written to {@code to} {@code delayNanos} later. */
    private static void pipe(Socket from, Socket to, long delayNanos) throws IOException {
        DelayQueue<Chunk> queue = new DelayQueue<>();
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        daemon(() -> {
            byte[] buffer = new byte[64 * 1024];
            long seq = 0;
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    queue.add(new Chunk(System.nanoTime() + delayNanos, seq++, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException closed) {
                // The other side went away; the end of stream below closes this direction.
            }
            queue.add(new Chunk(System.nanoTime() + delayNanos, seq, null));
        });
        daemon(() -> {
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk.bytes == null) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(chunk.bytes);
                }
            } catch (IOException | InterruptedException e) {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // Closing both is all that is left to do.
                }
            }
        });
    }

    private static void daemon(Runnable task) {
        Thread t = new Thread(task);
        t.setDaemon(true);
        t.start();
    }

    /**
     * Bytes to write once {@code due} (System.nanoTime) has passed, in read order ({@code seq} breaks
     * ties, which the queue does not keep); null bytes mean end of stream.
     */
    private record Chunk(long due, long seq, byte[] bytes) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Chunk that = (Chunk) other;
            return due != that.due ? Long.compare(due, that.due) : Long.compare(seq, that.seq);
        }
    }
}
