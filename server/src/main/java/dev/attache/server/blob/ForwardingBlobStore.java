package dev.attache.server.blob;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A blob store that hands every call to another, for wrappers that change only a few of them: a
 * subclass overrides what it changes and inherits the rest, so a method added to {@link BlobStore}
 * reaches the store underneath instead of a default that silently does nothing. Like Guava's
 * {@code ForwardingObject}.
 */
public abstract class ForwardingBlobStore implements BlobStore {

    private final BlobStore delegate;

    protected ForwardingBlobStore(BlobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store every call goes to unless a subclass overrides it. */
    protected final BlobStore delegate() {
        return delegate;
    }

    @Override
    public BlobWriter create() throws IOException {
        return delegate.create();
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
    public void forEachPartial(Consumer<StoredBlob> consumer) throws IOException {
        delegate.forEachPartial(consumer);
    }

    @Override
    public void deletePartial(String key) throws IOException {
        delegate.deletePartial(key);
    }

    @Override
    public boolean isHealthy() {
        return delegate.isHealthy();
    }

    @Override
    public boolean keepsLocalFiles() {
        return delegate.keepsLocalFiles();
    }
}
