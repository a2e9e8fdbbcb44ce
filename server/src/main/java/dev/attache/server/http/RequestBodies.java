package dev.attache.server.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;

import io.javalin.http.Context;

/**
 * Opens request bodies, each held to a minimum data rate. A client that trickles its body a byte a
 * second is never idle, so the idle timeout never frees the thread reading it; this does. After a short
 * grace, a body must have averaged the minimum since reading began, or the request is answered 408.
 *
 * <p>Jetty's own check ({@code HttpConfiguration.setMinRequestDataRate}) counts the bytes the server has
 * consumed when a read begins, so a pause of the server's own (a first database lookup, a blob store
 * part) between two reads fails a fast client. Counting after each read, with what it returned, does not.
 * Thread-safe; each stream it opens belongs to one request.
 */
public final class RequestBodies {

    /** Before this much time has passed no body is too slow: a client may wait for {@code 100 Continue}. */
    static final Duration GRACE = Duration.ofSeconds(2);

    /** How fast the rest of a refused request's body must arrive to be read at all. */
    static final long DISCARD_MIN_BYTES_PER_SECOND = 256 * 1024;

    private final long minBytesPerSecond;
    private final Clock clock;

    /**
     * @param minBytesPerSecond the minimum average, 0 for none
     * @param clock             the time reads are measured against
     */
    public RequestBodies(long minBytesPerSecond, Clock clock) {
        if (minBytesPerSecond < 0) {
            throw new IllegalArgumentException("minBytesPerSecond must be 0 or more but was " + minBytesPerSecond);
        }
        this.minBytesPerSecond = minBytesPerSecond;
        this.clock = clock;
    }

    /** The request's body; its reads throw {@link ApiException} 408 once it falls below the minimum. */
    public InputStream open(Context ctx) throws IOException {
        return of(ctx.req().getInputStream());
    }

    /**
     * Reads and drops what is left of the body of a request about to be refused, when that is at most
     * {@code limit} bytes. Why: Jetty closes a connection whose request body was left unread, and a TCP
     * connection closed with unread bytes is reset, which can discard the refusal before the client has
     * read it (seen with {@code java.net.http}: 17 of 300 uploads with a bad token got no answer at all).
     * Read to its end, the body leaves the connection clean. Skipped when the client waits for
     * {@code 100 Continue} (it has sent nothing yet) and for larger bodies, which would cost more to read
     * than the refusal is worth. A body slower than {@link #DISCARD_MIN_BYTES_PER_SECOND} after the grace
     * (whatever the server's own minimum), or a client that goes away, ends it: a refused request must not
     * hold a thread for long.
     */
    public void discardRest(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        String expect = ctx.header("Expect");
        boolean noBody = declared == 0 || (declared < 0 && ctx.header("Transfer-Encoding") == null);
        if (noBody || declared > limit || (expect != null && expect.equalsIgnoreCase("100-continue"))) {
            return;
        }
        try {
            InputStream body = new MinimumRate(ctx.req().getInputStream(), DISCARD_MIN_BYTES_PER_SECOND);
            byte[] sink = new byte[8192];
            long left = limit;
            int n;
            while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                left -= n;
            }
        } catch (IOException | ApiException | IllegalStateException gone) {
            // The answer still goes out; the connection may not survive it.
        }
    }

    /** A body held to the minimum, from the moment of this call. */
    InputStream of(InputStream body) {
        return minBytesPerSecond == 0 ? body : new MinimumRate(body, minBytesPerSecond);
    }

    private final class MinimumRate extends FilterInputStream {

        private final long startMillis = clock.millis();
        private final long minBytesPerSecond;
        private long bytes;

        MinimumRate(InputStream in, long minBytesPerSecond) {
            super(in);
            this.minBytesPerSecond = minBytesPerSecond;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            counted(b < 0 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return counted(super.read(buffer, offset, length));
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            bytes += skipped;
            return skipped;
        }

        private int counted(int n) {
            if (n < 0) {
                return n;
            }
            bytes += n;
            long elapsedMillis = clock.millis() - startMillis;
            if (elapsedMillis > GRACE.toMillis() && bytes < minBytesPerSecond * elapsedMillis / 1000) {
                throw ApiException.requestTimeout("Request Timeout: the request body arrived slower than "
                        + minBytesPerSecond + " bytes a second");
            }
            return n;
        }
    }
}
