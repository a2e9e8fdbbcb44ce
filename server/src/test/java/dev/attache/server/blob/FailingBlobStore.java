package dev.attache.server.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file blob store with one step made to fail the way a real disk fails: writes once a blob has taken
 * a given number of bytes (a full disk), or every commit, or every delete. A failing commit fails after
 * the real commit has run, the worst case: the bytes are visible under their key when the caller hears
 * of the failure.
 */
public final class FailingBlobStore extends ForwardingBlobStore {

    /** The step that fails. */
    public enum Step { WRITE, COMMIT, DELETE }

    private final Step failing;
    private final long failAfterBytes;
    private final Path shownPath;

    private FailingBlobStore(BlobStore delegate, Step failing, long failAfterBytes, Path shownPath) {
        super(delegate);
        this.failing = failing;
        this.failAfterBytes = failAfterBytes;
        this.shownPath = shownPath;
    }

    /** Writes fail once a blob has taken {@code failAfterBytes}, as a full disk answers. */
    FailingBlobStore(BlobStore delegate, long failAfterBytes) {
        this(delegate, Step.WRITE, failAfterBytes, Path.of("blobs", "tmp", "upload.part"));
    }

    /** Every write past {@code failAfterBytes} fails with ENOSPC, the message naming {@code path} as Linux's does. */
    public static FailingBlobStore diskFullAfter(BlobStore delegate, long failAfterBytes, Path path) {
        return new FailingBlobStore(delegate, Step.WRITE, failAfterBytes, path);
    }

    /** The given step fails on its first byte or call. */
    public static FailingBlobStore failing(BlobStore delegate, Step step) {
        return new FailingBlobStore(delegate, step, 0, Path.of("blobs", "objects"));
    }

    private IOException failure() {
        return failing == Step.WRITE
                ? new FileSystemException(shownPath.toString(), null, "No space left on device")
                : new IOException("Input/output error (simulated " + failing.name().toLowerCase(java.util.Locale.ROOT) + " failure)");
    }

    @Override
    public BlobWriter create() throws IOException {
        BlobWriter writer = delegate().create();
        return new BlobWriter() {
            private long written;

            @Override
            public String key() {
                return writer.key();
            }

            @Override
            public void write(ByteBuffer bytes) throws IOException {
                written += bytes.remaining();
                if (failing == Step.WRITE && written > failAfterBytes) {
                    throw failure();
                }
                writer.write(bytes);
            }

            @Override
            public void commit() throws IOException {
                writer.commit();
                if (failing == Step.COMMIT) {
                    throw failure();
                }
            }

            @Override
            public void abort() {
                writer.abort();
            }
        };
    }

    @Override
    public void delete(String key) throws IOException {
        if (failing == Step.DELETE) {
            throw failure();
        }
        super.delete(key);
    }
}
