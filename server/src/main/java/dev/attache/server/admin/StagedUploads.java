package dev.attache.server.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.attache.server.attachments.Attachment;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.BlobWriter;
import dev.attache.server.blob.UploadIntents;

/**
 * Uploads' bytes copied into the cluster's store ahead of the transaction that writes their rows. Each
 * copy keeps its upload intent, which the cluster's orphan sweep respects, until that transaction
 * replaces it with the row; the intents are touched while the copy goes on, so a copy that takes longer
 * than the sweep's grace period keeps the bytes staged first. {@link #discard()} removes the bytes and
 * intents again when the rows are not written. Not thread-safe.
 */
final class StagedUploads {

    private static final int BUFFER_BYTES = 256 * 1024;
    /** Well below the sweep's grace period of an hour. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(5);

    private final BlobStore sourceBlobs;
    private final BlobStore targetBlobs;
    private final UploadIntents intents;
    private final Clock clock;
    private final Map<Long, Staged> staged = new LinkedHashMap<>();
    private long lastTouch;

    /** Where an upload's bytes were staged, and how many. */
    private record Staged(String key, long size) {
    }

    StagedUploads(BlobStore sourceBlobs, BlobStore targetBlobs, UploadIntents intents, Clock clock) {
        this.sourceBlobs = sourceBlobs;
        this.targetBlobs = targetBlobs;
        this.intents = intents;
        this.clock = clock;
        this.lastTouch = clock.millis();
    }

    /** Copies an upload's bytes under a new key and checks them against its record; a problem, or empty. */
    Optional<String> stage(Attachment a) throws IOException {
        Optional<BlobStore.Blob> blob = sourceBlobs.open(a.blobKey());
        if (blob.isEmpty()) {
            return Optional.of("no bytes under blob key " + a.blobKey());
        }
        if (blob.get().size() != a.size()) {
            return Optional.of("recorded " + a.size() + " bytes, found " + blob.get().size());
        }
        MessageDigest digest = sha256();
        try (BlobWriter writer = targetBlobs.create(); InputStream in = blob.get().openRange(0, blob.get().size())) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                writer.write(ByteBuffer.wrap(buffer, 0, n));
                touchAllWhenDue();
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (!sha256.equalsIgnoreCase(a.sha256())) {
                return Optional.of("recorded sha256 " + a.sha256() + ", found " + sha256);
            }
            writer.commit();
            staged.put(a.gid(), new Staged(writer.key(), a.size()));
        }
        return Optional.empty();
    }

    /** The attachment with the key its bytes were staged under. */
    Attachment moved(Attachment a) {
        return new Attachment(a.gid(), a.parentGid(), a.subtype(), a.name(), a.contentType(), a.size(), a.sha256(),
                staged.get(a.gid()).key(), a.url(), a.connectedToApp(), a.createdBy(), a.createdAt());
    }

    boolean isStaged(long gid) {
        return staged.containsKey(gid);
    }

    /** One staged upload's gid, if any: when its row exists, the transaction that wrote them all committed. */
    Optional<Long> anyGid() {
        return staged.keySet().stream().findFirst();
    }

    int count() {
        return staged.size();
    }

    long bytes() {
        return staged.values().stream().mapToLong(Staged::size).sum();
    }

    /** Removes one upload's staged bytes, whose row was not written after all. */
    void discard(long gid) {
        Staged one = staged.remove(gid);
        if (one != null) {
            remove(one.key());
        }
    }

    /**
     * Removes every staged upload's bytes and intent; what cannot be removed now (the store is down)
     * keeps an intent that goes stale, and the cluster's sweep removes it after the grace period.
     */
    void discard() {
        staged.values().forEach(one -> remove(one.key()));
        staged.clear();
    }

    private void remove(String key) {
        try {
            targetBlobs.delete(key);
            intents.forget(key);
        } catch (IOException | RuntimeException e) {
            // Left to the sweep, as the Javadoc says.
        }
    }

    private void touchAllWhenDue() {
        if (clock.millis() - lastTouch < TOUCH_EVERY.toMillis()) {
            return;
        }
        staged.values().forEach(one -> intents.touch(one.key()));
        lastTouch = clock.millis();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
