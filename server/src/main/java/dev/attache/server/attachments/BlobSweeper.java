package dev.attache.server.attachments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.blob.BlobStore;

/**
 * Start-up clean-up after a crash: removes partial writes, and committed bytes that no attachment row
 * references (an upload that died between its bytes and its row, or a delete between its row and its
 * bytes). Run it only while no upload is in progress against the same store.
 */
public final class BlobSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(BlobSweeper.class);

    /** What a sweep removed. */
    public record Result(int temporaries, int unreferenced) {
    }

    private final BlobStore blobs;
    private final AttachmentStore store;

    public BlobSweeper(BlobStore blobs, AttachmentStore store) {
        this.blobs = blobs;
        this.store = store;
    }

    public Result sweep() throws IOException {
        int temporaries = blobs.deleteTemporaries();
        List<String> keys = new ArrayList<>();
        blobs.forEach(blob -> keys.add(blob.key()));
        int unreferenced = 0;
        for (String key : keys) {
            if (!store.isReferenced(key)) {
                blobs.delete(key);
                unreferenced++;
            }
        }
        if (temporaries > 0 || unreferenced > 0) {
            LOG.info("swept {} partial uploads and {} unreferenced blobs", temporaries, unreferenced);
        }
        return new Result(temporaries, unreferenced);
    }
}
