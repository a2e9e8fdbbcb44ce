package dev.attache.server.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Semaphore;

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

    /** Refused bodies up to this size are always read to their end; larger ones need a permit. */
    static final long SMALL_DISCARD = 1024 * 1024;

    /** How many refused bodies over {@link #SMALL_DISCARD} the server reads at once, by default. */
    public static final int LARGE_DISCARDS_AT_ONCE = 4;

    private final long minBytesPerSecond;
    private final Clock clock;
    private final long largestBody;
    private final Semaphore largeDiscards;

    /**
     * @param minBytesPerSecond   the minimum average, 0 for none
     * @param clock               the time reads are measured against
     * @param largestBody         the largest request body the API accepts; a refused body declared larger
     *                            is never read
     * @param largeDiscardsAtOnce how many refused bodies over {@link #SMALL_DISCARD} may be read at once
     */
    public RequestBodies(long minBytesPerSecond, Clock clock, long largestBody, int largeDiscardsAtOnce) {
        if (minBytesPerSecond < 0) {
            throw new IllegalArgumentException("minBytesPerSecond must be 0 or more but was " + minBytesPerSecond);
        }
        if (largestBody < SMALL_DISCARD) {
            throw new IllegalArgumentException("largestBody must be at least " + SMALL_DISCARD + " but was " + largestBody);
        }
        if (largeDiscardsAtOnce < 0) {
            throw new IllegalArgumentException("largeDiscardsAtOnce must be 0 or more but was " + largeDiscardsAtOnce);
        }
        this.minBytesPerSecond = minBytesPerSecond;
        this.clock = clock;
        this.largestBody = largestBody;
        this.largeDiscards = new Semaphore(largeDiscardsAtOnce);
    }

    /** The request's body; its reads throw {@link ApiException} 408 once it falls below the minimum. */
    public InputStream open(Context ctx) throws IOException {
        return of(ctx.req().getInputStream());
    }

    /**
     * Reads and drops what is left of the body of a request about to be refused. Why: Jetty closes a
     * connection whose request body was left unread, and a TCP connection closed with unread bytes is
     * reset, which can discard the refusal before the client has read it. {@code java.net.http} makes
     * this likely: it reads the answer only once it has sent the whole body, and a reset while sending
     * fails the exchange even when the answer has arrived (seen: 17 of 300 uploads of 100 KB with a bad
     * token got no answer at all, and 1 to 6 of 30 of 2 to 32 MiB). Read to its end, the body leaves the
     * connection clean.
     *
     * <p>Skipped when the client waits for {@code 100 Continue} (it has sent nothing yet) and for a body
     * declared larger than the API accepts. A body up to {@link #SMALL_DISCARD} is always read; a larger
     * or chunked one only while one of a few permits is free, so refused uploads cannot tie up more than
     * that many threads. A body slower than {@link #DISCARD_MIN_BYTES_PER_SECOND} after the grace
     * (whatever the server's own minimum), or a client that goes away, ends it.
     */
    public void discardRest(Context ctx) {
        String expect = ctx.header("Expect");
        if (expect != null && expect.equalsIgnoreCase("100-continue")) {
            return;
        }
        long declared = ctx.req().getContentLengthLong();
        boolean chunked = declared < 0 && ctx.header("Transfer-Encoding") != null;
        try {
            discard(() -> ctx.req().getInputStream(), declared < 0 && !chunked ? 0 : declared);
        } catch (IOException | IllegalStateException gone) {
            // The answer still goes out; the connection may not survive it.
        }
    }

    /** Where a refused body's bytes come from. */
    @FunctionalInterface
    interface BodySource {
        InputStream open() throws IOException;
    }

    /**
     * The rule of {@link #discardRest}, on a body of {@code declared} bytes (negative: chunked, length
     * unknown).
     *
     * @return the bytes read and dropped
     */
    long discard(BodySource source, long declared) throws IOException {
        if (declared == 0 || declared > largestBody) {
            return 0;
        }
        boolean large = declared < 0 || declared > SMALL_DISCARD;
        if (large && !largeDiscards.tryAcquire()) {
            return 0;
        }
        long read = 0;
        try {
            InputStream body = new MinimumRate(source.open(), DISCARD_MIN_BYTES_PER_SECOND);
            byte[] sink = new byte[8192];
            long limit = large ? largestBody : SMALL_DISCARD;
            int n;
            while (read < limit && (n = body.read(sink, 0, (int) Math.min(sink.length, limit - read))) >= 0) {
                read += n;
            }
        } catch (ApiException tooSlow) {
            // Below the discard rate: stop here.
        } finally {
            if (large) {
                largeDiscards.release();
            }
        }
        return read;
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
