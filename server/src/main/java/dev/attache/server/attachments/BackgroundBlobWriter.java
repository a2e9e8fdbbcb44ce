package dev.attache.server.attachments;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import dev.attache.server.blob.BlobWriter;
import dev.attache.server.signing.Sha256;

/**
 * Writes an upload's bytes into its blob on one thread and computes their SHA-256 on another, while
 * the request thread goes on reading and parsing. A profile of a 100 MiB upload showed the request
 * thread as the bottleneck, with the file writes (a fifth of its time) and the hand-off of every
 * 128 KiB to a hashing thread (another fifth: each hand-off woke a thread) on it; here the request
 * thread only copies the bytes into one of a few 512 KiB buffers and wakes the two workers once
 * per buffer. Hashing and writing each take about as long as reading, so each gets a thread of its own.
 *
 * <p>Memory stays bounded however large the file: when a worker falls behind, the reader waits for a
 * free buffer. A failed write is reported by the next {@link #write} or by {@link #finish()}; the
 * workers then drop what is left. Used by one upload on one thread; the blob is touched only by the
 * writing thread until {@link #finish()} or {@link #close()} returns, and only by the caller afterwards.
 */
final class BackgroundBlobWriter implements AutoCloseable {

    private static final int BUFFERS = 4;
    private static final int BUFFER_BYTES = 512 * 1024;
    /**
     * The digest is fed in pieces this size: the JIT replaces the digest's block loop with the CPU's
     * multi-block SHA instructions only once the method that calls it is hot, which whole buffers
     * (100 calls per 100 MiB with 1 MiB buffers) took many uploads to reach; hashing ran at half speed.
     */
    private static final int DIGEST_PIECE = 64 * 1024;
    private static final long POLL_MILLIS = 100;
    private static final Slice END = new Slice(new byte[0], 0, new AtomicInteger());
    private static final Slice STOP = new Slice(new byte[0], 0, new AtomicInteger());

    /** A full buffer on its way to both workers; the last of them to finish with it frees it. */
    private record Slice(byte[] bytes, int length, AtomicInteger holders) {
    }

    private final BlobWriter blob;
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Slice> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final BlockingQueue<Slice> toWrite = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final MessageDigest digest = Sha256.newDigest();
    private final CompletableFuture<String> hashing;
    private final CompletableFuture<Void> writing;
    private volatile @Nullable Exception failure;
    private byte @Nullable [] filling;
    private int filled;
    private boolean ended;

    BackgroundBlobWriter(BlobWriter blob, Executor executor) {
        this.blob = blob;
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER_BYTES]);
        }
        this.hashing = CompletableFuture.supplyAsync(this::hashAll, executor);
        this.writing = CompletableFuture.runAsync(this::writeAll, executor);
    }

    /** Hands over the buffer's remaining bytes; throws the failure of an earlier write, if any. */
    void write(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            if (filling == null) {
                filling = takeFree();
                filled = 0;
            }
            int n = Math.min(bytes.remaining(), BUFFER_BYTES - filled);
            bytes.get(filling, filled, n);
            filled += n;
            if (filled == BUFFER_BYTES) {
                handOver();
            }
        }
    }

    /**
     * Waits until every byte is in the blob (not yet committed).
     *
     * @return the hex SHA-256 of everything written
     * @throws IOException the blob's write failure
     */
    String finish() throws IOException {
        if (filling != null && filled > 0) {
            handOver();
        }
        end(END);
        await(writing);
        String hex = await(hashing);
        rethrowFailure();
        return hex;
    }

    /** Stops the workers and waits until they no longer touch the blob; harmless after {@link #finish()}. */
    @Override
    public void close() {
        end(STOP);
        try {
            await(writing);
            await(hashing);
        } catch (RuntimeException e) {
            // Closing after a failure: the failure was or will be reported where it happened.
        }
    }

    private void handOver() {
        Slice slice = new Slice(filling, filled, new AtomicInteger(2));
        put(toHash, slice);
        put(toWrite, slice);
        filling = null;
        filled = 0;
    }

    private void end(Slice marker) {
        if (!ended) {
            ended = true;
            put(toHash, marker);
            put(toWrite, marker);
        }
    }

    private @Nullable String hashAll() {
        while (true) {
            Slice slice = take(toHash);
            if (slice == END) {
                return Sha256.hex(digest);
            }
            if (slice == STOP) {
                return null;
            }
            for (int at = 0; at < slice.length(); at += DIGEST_PIECE) {
                digest.update(slice.bytes(), at, Math.min(DIGEST_PIECE, slice.length() - at));
            }
            release(slice);
        }
    }

    private void writeAll() {
        while (true) {
            Slice slice = take(toWrite);
            if (slice == END || slice == STOP) {
                return;
            }
            if (failure == null) {
                try {
                    blob.write(ByteBuffer.wrap(slice.bytes(), 0, slice.length()));
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
            }
            release(slice);
        }
    }

    private void release(Slice slice) {
        if (slice.holders().decrementAndGet() == 0) {
            free.add(slice.bytes());
        }
    }

    private byte[] takeFree() throws IOException {
        try {
            while (true) {
                rethrowFailure();
                byte[] buffer = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                if (hashing.isDone() || writing.isDone()) {
                    // A worker is gone without a failure of its own (it cannot be); never wait forever.
                    throw new IllegalStateException("the blob writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the blob", e);
        }
    }

    private void rethrowFailure() throws IOException {
        Exception e = failure;
        if (e instanceof IOException io) {
            throw io;
        }
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        }
    }

    private static <T> T await(CompletableFuture<T> worker) {
        try {
            return worker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the blob", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the blob writer failed", e.getCause());
        }
    }

    private static <T> void put(BlockingQueue<T> queue, T item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the blob", e);
        }
    }

    private static <T> T take(BlockingQueue<T> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the blob", e);
        }
    }
}
