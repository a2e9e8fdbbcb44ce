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

    /** A body held to the minimum, from the moment of this call. */
    InputStream of(InputStream body) {
        return minBytesPerSecond == 0 ? body : new MinimumRate(body);
    }

    private final class MinimumRate extends FilterInputStream {

        private final long startMillis = clock.millis();
        private long bytes;

        MinimumRate(InputStream in) {
            super(in);
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
