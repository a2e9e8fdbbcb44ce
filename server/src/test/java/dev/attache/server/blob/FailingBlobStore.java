package dev.attache.server.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

/** A file blob store whose writes fail once a blob has taken a given number of bytes, like a full disk. */
final class FailingBlobStore implements BlobStore {

    private final BlobStore delegate;
    private final long failAfterBytes;

    FailingBlobStore(BlobStore delegate, long failAfterBytes) {
        this.delegate = delegate;
        this.failAfterBytes = failAfterBytes;
    }

    @Override
    public BlobWriter create() throws IOException {
        BlobWriter writer = delegate.create();
        return new BlobWriter() {
            private long written;

            @Override
            public String key() {
                return writer.key();
            }

            @Override
            public void write(ByteBuffer bytes) throws IOException {
                written += bytes.remaining();
                if (written > failAfterBytes) {
                    throw new IOException("No space left on device (simulated)");
                }
                writer.write(bytes);
            }

            @Override
            public void commit() throws IOException {
                writer.commit();
            }

            @Override
            public void abort() {
                writer.abort();
            }
        };
    }

    @Override
    public Optional<Blob> open(String key) throws IOException {
        return delegate.open(key);
    }

    @Override
    public void delete(String key) throws IOException {
        delegate.delete(key);
    }

    @Override
    public void forEach(Consumer<StoredBlob> consumer) throws IOException {
        delegate.forEach(consumer);
    }

    @Override
    public int deleteTemporaries() throws IOException {
        return delegate.deleteTemporaries();
    }

    @Override
    public boolean isHealthy() {
        return delegate.isHealthy();
    }
}
