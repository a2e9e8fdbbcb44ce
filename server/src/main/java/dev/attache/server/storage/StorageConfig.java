package dev.attache.server.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.attache.server.db.PostgresUrl;

/**
 * Where a server keeps its metadata and bytes, and the settings a cluster's nodes must agree on. Two
 * profiles, chosen by {@code database}:
 * <ul>
 *   <li><b>embedded</b> (no database): SQLite and files in the data directory, which one server locks;</li>
 *   <li><b>cluster</b> (a PostgreSQL database): bytes in an S3 bucket ({@code blobStore}), or, without
 *       one, in the data directory's {@code blobs/}, which then every node must share (one machine, or
 *       one shared file system). The data directory is not locked.</li>
 * </ul>
 * A blob store without a database is refused: SQLite serves one node, and bytes in a shared bucket
 * with metadata on one machine would gain nothing and lose the single node's start-up clean-up.
 *
 * @param dataDir       the data directory: everything (embedded) or scratch and the dev token (cluster)
 * @param database      the cluster's PostgreSQL database, or {@code null} for the embedded profile
 * @param blobStore     {@code s3://BUCKET[/PREFIX]}, or {@code null} for files in the data directory
 * @param nodeId        the node id to use, or {@code null}: 0 embedded, leased from the database in a cluster
 * @param signingSecret the configured signing secret, or {@code null}: kept in the data directory
 *                      (embedded) or in the database (cluster)
 * @param orphanGrace   how long a cluster's upload may go without a sign of life before its bytes may be swept
 * @param sweepEvery    how often a cluster's orphan sweep runs, on one node at a time
 */
public record StorageConfig(Path dataDir, @Nullable PostgresUrl database, @Nullable URI blobStore,
                            @Nullable Integer nodeId, @Nullable String signingSecret, Duration orphanGrace,
                            Duration sweepEvery) {

    /** Far above the time between an upload's last byte and its row, which is milliseconds. */
    public static final Duration DEFAULT_ORPHAN_GRACE = Duration.ofHours(1);
    public static final Duration DEFAULT_SWEEP_EVERY = Duration.ofMinutes(10);

    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(orphanGrace, "orphanGrace");
        Objects.requireNonNull(sweepEvery, "sweepEvery");
        if (blobStore != null) {
            String scheme = blobStore.getScheme() == null ? "" : blobStore.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("s3")) {
                throw new IllegalArgumentException("--blob-store " + blobStore + " is not supported: give s3://BUCKET[/PREFIX], "
                        + "or leave it out for files in the data directory");
            }
            if (database == null) {
                throw new IllegalArgumentException("--blob-store " + blobStore + " needs --database postgresql://...: "
                        + "the embedded SQLite serves one node, so bytes in a shared store would need shared metadata too. "
                        + "Allowed: neither (embedded), --database alone (bytes in the data dir, shared by every node), "
                        + "or both (PostgreSQL and S3)");
            }
        }
        if (orphanGrace.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("orphanGrace must be at least a minute but was " + orphanGrace);
        }
        if (sweepEvery.isNegative() || sweepEvery.isZero()) {
            throw new IllegalArgumentException("sweepEvery must be positive but was " + sweepEvery);
        }
    }

    /** The embedded default over a data directory. */
    public static StorageConfig embedded(Path dataDir) {
        return new StorageConfig(dataDir, null, null, null, null, DEFAULT_ORPHAN_GRACE, DEFAULT_SWEEP_EVERY);
    }

    /** The same storage with another data directory. */
    public StorageConfig withDataDir(Path other) {
        return new StorageConfig(other, database, blobStore, nodeId, signingSecret, orphanGrace, sweepEvery);
    }

    /** Whether this is a cluster's storage: a PostgreSQL database that several nodes share. */
    public boolean isCluster() {
        return database != null;
    }

    /** One line for logs and banners; never shows a password. */
    public String describe() {
        if (database == null) {
            return "SQLite and files in " + dataDir.toAbsolutePath();
        }
        return "PostgreSQL (" + database.redacted() + ") and "
                + (blobStore == null ? "files in " + dataDir.resolve("blobs").toAbsolutePath() + " (shared by every node)" : blobStore);
    }
}
