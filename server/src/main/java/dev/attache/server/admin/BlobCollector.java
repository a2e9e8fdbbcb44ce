package dev.attache.server.admin;

import java.io.IOException;
import java.nio.file.Path;

import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.attachments.BlobSweeper;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.DataDirLock;

/**
 * Garbage collection of a stopped server's blobs: partial writes, and committed bytes no attachment
 * row references. Thread-safe.
 */
public final class BlobCollector {

    private final Path dataDir;
    private final BlobStore blobs;
    private final AttachmentStore attachments;

    BlobCollector(Path dataDir, BlobStore blobs, AttachmentStore attachments) {
        this.dataDir = dataDir;
        this.blobs = blobs;
        this.attachments = attachments;
    }

    /**
     * Removes what no attachment needs, holding the data directory's lock throughout so no server
     * starts meanwhile.
     *
     * @return how many partial writes and unreferenced blobs were removed
     * @throws DataDirBusyException when a server is running on the directory: an upload there may sit
     *                              between committing its bytes and inserting its row, and its bytes
     *                              would look unreferenced
     */
    public BlobSweeper.Result collect() throws IOException {
        DataDirLock lock = DataDirLock.tryAcquire(dataDir)
                .orElseThrow(() -> new DataDirBusyException(dataDir, "stop it before collecting garbage "
                        + "(it removes the same garbage itself when it starts)"));
        try (lock) {
            return new BlobSweeper(blobs, attachments).sweep();
        }
    }
}
