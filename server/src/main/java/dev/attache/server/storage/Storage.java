package dev.attache.server.storage;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.db.Database;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.ratelimit.MinuteWindows;

/**
 * A server's storage, opened for one {@link StorageConfig profile}: the database (migrated), the blob
 * store, the stores over them, the signing secret, where the per-minute quota is counted, and the
 * maintenance a profile needs while it serves. Everything that differs between one embedded node and a
 * cluster is decided here: the data directory's lock, the start-up sweep that assumes exclusive
 * ownership, the secret file and first-start seeding belong to the embedded profile; node id leases,
 * upload intents, the orphan sweep and the shared secret to the cluster.
 *
 * <pre>{@code
 * try (Storage storage = Storage.openForServer(config.storage(), StorageContext.defaults(), background)) {
 *     storage.startMaintenance(() -> stopServing());
 *     new AttachmentService(storage.attachments(), storage.blobs(), ...);
 * }
 * }</pre>
 *
 * Thread-safe; close it once, after the server stopped using it.
 */
public final class Storage implements AutoCloseable {

    /** What a server uses; built by a profile. */
    record Parts(StorageConfig config, int nodeId, Database database, BlobStore blobs, GidGenerator gids, DirectoryStore directory,
                 TokenStore tokens, AttachmentStore attachments, MinuteWindows minuteWindows, byte[] signingSecret,
                 Optional<Bootstrap.FirstStart> firstStart, Maintenance maintenance, Resources resources) {
    }

    private final Parts parts;

    Storage(Parts parts) {
        this.parts = parts;
    }

    /**
     * Opens storage for a server: locks, sweeps and seeds (embedded), or leases a node id, adopts the
     * cluster's secret and seeds an empty database on exactly one node (cluster).
     *
     * @param background runs the file store's early write-back of upload bytes
     * @throws IOException              when the data directory is locked by another server or a store fails
     * @throws IllegalStateException    when the database cannot be reached or no node id is free
     */
    public static Storage openForServer(StorageConfig config, StorageContext context, Executor background) throws IOException {
        return config.isCluster()
                ? ClusterProfile.openForServer(config, context, background)
                : EmbeddedProfile.openForServer(config, context, background);
    }

    /**
     * Opens storage for operator commands, beside running servers: no lock, no sweep, no seeding; in a
     * cluster, a node id leased for as long as it stays open.
     */
    public static AdminStorage openForAdmin(StorageConfig config, StorageContext context) throws IOException {
        return config.isCluster()
                ? ClusterProfile.openForAdmin(config, context)
                : EmbeddedProfile.openForAdmin(config);
    }

    /**
     * Starts the profile's background work: in a cluster, renewing the node id lease and the orphan
     * sweep under its lease; nothing for the embedded profile.
     *
     * @param onNodeIdLost called once if another node took this node's id (this node was unreachable
     *                     longer than the lease lasts); the server must stop creating objects
     */
    public void startMaintenance(Runnable onNodeIdLost) {
        parts.maintenance().start(onNodeIdLost);
    }

    public StorageConfig config() {
        return parts.config();
    }

    public Database database() {
        return parts.database();
    }

    public BlobStore blobs() {
        return parts.blobs();
    }

    /** This node's id, as embedded in the gids it makes. */
    public int nodeId() {
        return parts.nodeId();
    }

    /** Gids with this node's id. */
    public GidGenerator gids() {
        return parts.gids();
    }

    public DirectoryStore directory() {
        return parts.directory();
    }

    public TokenStore tokens() {
        return parts.tokens();
    }

    public AttachmentStore attachments() {
        return parts.attachments();
    }

    /** Where the per-minute request quota is counted: this node's memory, or the cluster's database. */
    public MinuteWindows minuteWindows() {
        return parts.minuteWindows();
    }

    /** The key download URLs and offset tokens are signed with; the same on every node of a cluster. */
    public byte[] signingSecret() {
        return parts.signingSecret().clone();
    }

    /** What this start seeded an empty database with; empty when the database had been seeded before. */
    public Optional<Bootstrap.FirstStart> firstStart() {
        return parts.firstStart();
    }

    /** Stops the maintenance, gives the node id back, and closes the stores, the database and the lock. */
    @Override
    public void close() {
        parts.resources().close();
    }
}
