package dev.attache.server.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

import dev.attache.server.blob.BlobStore;
import dev.attache.server.db.Jdbc;

/**
 * Puts the data back as it was when the server started, without a restart: every row whose gid is
 * newer than a mark taken at start goes, with its bytes, and tokens revoked since are live again.
 * Gids grow with time on every node, so "newer than the mark" is exactly "created since start".
 * What existed at start and was deleted since stays deleted.
 */
final class DataReset {

    private final Jdbc jdbc;
    private final BlobStore blobs;
    private final long markGid;
    private final long markMillis;

    DataReset(Jdbc jdbc, BlobStore blobs, long markGid, Clock clock) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.markGid = markGid;
        this.markMillis = clock.millis();
    }

    void reset() {
        List<String> blobKeys = jdbc.inTransaction(c -> {
            List<String> keys = Jdbc.query(c, "SELECT blob_key FROM attachments WHERE gid > ? AND blob_key IS NOT NULL",
                    rs -> rs.getString(1), markGid);
            Jdbc.update(c, "DELETE FROM attachments WHERE gid > ?", markGid);
            Jdbc.update(c, "DELETE FROM parents WHERE gid > ?", markGid);
            Jdbc.update(c, "DELETE FROM tokens WHERE gid > ? OR user_gid > ?", markGid, markGid);
            Jdbc.update(c, "UPDATE tokens SET revoked_at = NULL WHERE revoked_at >= ?", markMillis);
            Jdbc.update(c, "DELETE FROM memberships WHERE workspace_gid > ? OR user_gid > ?", markGid, markGid);
            Jdbc.update(c, "DELETE FROM users WHERE gid > ?", markGid);
            Jdbc.update(c, "DELETE FROM workspaces WHERE gid > ?", markGid);
            return keys;
        });
        // Rows first, then bytes, as deletes always go: a crash in between leaves orphans the start-up
        // sweep removes, never a row without its bytes.
        for (String key : blobKeys) {
            try {
                blobs.delete(key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
