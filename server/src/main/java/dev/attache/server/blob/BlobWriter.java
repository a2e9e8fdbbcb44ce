package dev.attache.server.blob;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One blob being written. Not thread-safe: one upload owns it. Closing a writer that was not committed
 * aborts it, so {@code try (BlobWriter w = store.create())} never leaves bytes behind on failure.
 */
public interface BlobWriter extends AutoCloseable {

    /** The key the blob will have once committed. */
    String key();

    /** Appends the buffer's remaining bytes. */
    void write(ByteBuffer bytes) throws IOException;

    /** Makes the blob durable and visible under {@link #key()}. */
    void commit() throws IOException;

    /** Discards everything written; harmless after commit or a previous abort. */
    void abort();

    @Override
    default void close() {
        abort();
    }
}
