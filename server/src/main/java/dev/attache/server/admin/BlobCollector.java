package dev.attache.server.admin;

import java.io.IOException;
import java.nio.file.Path;

import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.attachments.BlobSweeper;
import dev.attache.server.attachments.OrphanSweeper;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.DataDirLock;

/**
 * Garbage collection of blobs: partial writes, and committed bytes no attachment row references.
 * Thread-safe.
 */
@FunctionalInterface
public interface BlobCollector {

    /**
     * Removes what no attachment needs.
     *
     * @return how many partial writes and unreferenced blobs were removed
     * @throws DataDirBusyException when a single server runs on the data directory (see {@link #exclusive})
     */
    BlobSweeper.Result collect() throws IOException;

    /**
     * The collector of a single server's data directory. It holds the directory's lock throughout so no
     * server starts meanwhile, and refuses while one runs: an upload there may sit between committing its
     * bytes and inserting its row, and its bytes would look unreferenced.
     */
    static BlobCollector exclusive(Path dataDir, BlobStore blobs, AttachmentStore attachments) {
        return () -> {
            DataDirLock lock = DataDirLock.tryAcquire(dataDir)
                    .orElseThrow(() -> new DataDirBusyException(dataDir, "stop it before collecting garbage "
                            + "(it removes the same garbage itself when it starts)"));
            try (lock) {
                return new BlobSweeper(blobs, attachments).sweep();
            }
        };
    }

    /**
     * The collector of a cluster's shared store: the orphan sweep, safe beside running nodes because it
     * spares every upload whose intent is fresh.
     */
    static BlobCollector shared(OrphanSweeper sweeper) {
        return () -> {
            OrphanSweeper.Result r = sweeper.sweep();
            return new BlobSweeper.Result(r.partials(), r.unreferenced());
        };
    }
}
