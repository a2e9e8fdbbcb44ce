package dev.attache.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.attache.server.admin.ScrubReport.Damage;
import dev.attache.server.admin.ScrubReport.Problem;
import dev.attache.server.admin.UploadRows.UploadRow;
import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.signing.Sha256;

/**
 * Re-reads every uploaded attachment's bytes and compares their size and SHA-256 with the row. Only
 * reads, so it is safe beside a running server. Thread-safe.
 */
public final class Scrubber {

    private static final int PAGE = 500;

    private final UploadRows rows;
    private final AttachmentStore attachments;
    private final BlobStore blobs;

    Scrubber(UploadRows rows, AttachmentStore attachments, BlobStore blobs) {
        this.rows = rows;
        this.attachments = attachments;
        this.blobs = blobs;
    }

    /** Checks every upload, oldest first, and reports the damaged ones. */
    public ScrubReport scrub() throws IOException {
        List<Damage> damage = new ArrayList<>();
        int checked = 0;
        long bytes = 0;
        long after = 0;
        for (List<UploadRow> page = rows.page(after, PAGE); !page.isEmpty(); page = rows.page(after, PAGE)) {
            for (UploadRow row : page) {
                Optional<BlobStore.Blob> blob = blobs.open(row.blobKey());
                // A server may delete an attachment between reading its row and opening its bytes.
                if (blob.isEmpty() && attachments.find(row.gid()).isEmpty()) {
                    continue;
                }
                checked++;
                bytes += blob.map(BlobStore.Blob::size).orElse(0L);
                check(row, blob).ifPresent(damage::add);
            }
            after = page.get(page.size() - 1).gid();
        }
        return new ScrubReport(checked, bytes, damage);
    }

    private static Optional<Damage> check(UploadRow row, Optional<BlobStore.Blob> found) throws IOException {
        if (found.isEmpty()) {
            return Optional.of(damage(row, Problem.MISSING, "no bytes under blob key " + row.blobKey()));
        }
        BlobStore.Blob blob = found.get();
        if (blob.size() != row.size()) {
            return Optional.of(damage(row, Problem.WRONG_SIZE, "recorded " + row.size() + " bytes, found " + blob.size()));
        }
        String sha256 = sha256(blob);
        if (!sha256.equalsIgnoreCase(row.sha256())) {
            return Optional.of(damage(row, Problem.WRONG_HASH, "recorded sha256 " + row.sha256() + ", found " + sha256));
        }
        return Optional.empty();
    }

    private static Damage damage(UploadRow row, Problem problem, String detail) {
        return new Damage(row.gid(), row.parentGid(), row.name(), row.blobKey(), problem, detail);
    }

    private static String sha256(BlobStore.Blob blob) throws IOException {
        try (InputStream in = blob.openRange(0, blob.size())) {
            return Sha256.of(in);
        }
    }
}
