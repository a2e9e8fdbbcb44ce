package dev.attache.server.blob;

import java.time.Clock;
import java.time.Instant;

import dev.attache.server.db.Jdbc;

/**
 * Upload intents in the shared database: a row per blob being written, recorded before its first byte,
 * touched while it is written and replaced by the attachment's row when the upload completes. The
 * orphan sweep of a cluster leaves alone every blob whose intent is fresh. Thread-safe.
 */
public final class UploadIntents {

    private final Jdbc jdbc;
    private final Clock clock;
    private final int nodeId;

    public UploadIntents(Jdbc jdbc, Clock clock, int nodeId) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.nodeId = nodeId;
    }

    /** Records that this node is about to write bytes under a key. */
    public void record(String key) {
        jdbc.update("INSERT INTO upload_intents (blob_key, node_id, touched_at) VALUES (?, ?, ?)", key, nodeId, clock.millis());
    }

    /** Shows the upload is still alive, so the sweep's grace period starts again. */
    public void touch(String key) {
        jdbc.update("UPDATE upload_intents SET touched_at = ? WHERE blob_key = ?", clock.millis(), key);
    }

    /** Drops the intent of an upload that was abandoned; its bytes are gone already. */
    public void forget(String key) {
        jdbc.update("DELETE FROM upload_intents WHERE blob_key = ?", key);
    }

    /** Whether an upload under the key was alive at or after the cutoff. */
    public boolean isLive(String key, Instant cutoff) {
        return jdbc.queryOne("SELECT 1 FROM upload_intents WHERE blob_key = ? AND touched_at >= ?",
                rs -> true, key, cutoff.toEpochMilli()).isPresent();
    }

    /** Drops intents not touched since the cutoff: their uploads died; the number dropped. */
    public int forgetStale(Instant cutoff) {
        return jdbc.update("DELETE FROM upload_intents WHERE touched_at < ?", cutoff.toEpochMilli());
    }
}
