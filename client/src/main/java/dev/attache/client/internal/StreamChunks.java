package dev.attache.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A stream read on demand in large chunks, for {@code BodyPublishers.ofByteArrays}. The JDK's
 * {@code ofInputStream} reads 16 KiB at a time: 6,400 trips through the publisher, the HTTP/1.1
 * writer and the socket for a 100 MiB upload, which a fresh JVM runs mostly before the JIT has
 * compiled them; chunks of {@link #CHUNK_BYTES} make that 400. Closes the stream at its end or on a
 * failed read; a read failure is thrown as {@link UncheckedIOException}, as {@code ofInputStream}
 * does, which fails the request. Used by one subscription on one thread at a time.
 */
final class StreamChunks implements Iterator<byte[]> {

    /** Large enough to cut the per-chunk work by 16, small enough for two to sit in a 32 MB heap unnoticed. */
    static final int CHUNK_BYTES = 256 * 1024;

    private final InputStream in;
    private byte @Nullable [] next;
    private boolean done;

    StreamChunks(InputStream in) {
        this.in = in;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = read();
        }
        return next != null;
    }

    @Override
    public byte[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        byte[] chunk = next;
        next = null;
        return chunk;
    }

    private byte @Nullable [] read() {
        try {
            byte[] chunk = new byte[CHUNK_BYTES];
            int n = in.readNBytes(chunk, 0, CHUNK_BYTES);
            if (n < CHUNK_BYTES) {
                done = true;
                in.close();
            }
            return n == 0 ? null : n == CHUNK_BYTES ? chunk : Arrays.copyOf(chunk, n);
        } catch (IOException e) {
            done = true;
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(e);
        }
    }
}
