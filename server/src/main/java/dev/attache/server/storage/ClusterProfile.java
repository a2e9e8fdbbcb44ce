package dev.attache.server.storage;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.admin.BlobCollector;
import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.attachments.JdbcAttachmentStore;
import dev.attache.server.attachments.OrphanSweeper;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.blob.IntentRecordingBlobStore;
import dev.attache.server.blob.UploadIntents;
import dev.attache.server.db.Database;
import dev.attache.server.db.Jdbc;
import dev.attache.server.db.Leases;
import dev.attache.server.db.Settings;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.ids.NodeIdLease;
import dev.attache.server.ratelimit.BatchedMinuteWindows;
import dev.attache.server.ratelimit.Batching;
import dev.attache.server.ratelimit.JdbcSharedWindows;
import dev.attache.server.ratelimit.MinuteWindows;
import dev.attache.server.signing.SigningSecret;

/**
 * One node of a cluster: PostgreSQL shared by every node, bytes in S3 (or in a directory every node
 * shares), nothing of its own but scratch. Nodes agree through the database on node ids (leased),
 * the signing secret, who seeds an empty database and who sweeps orphans.
 */
final class ClusterProfile {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProfile.class);

    private ClusterProfile() {
    }

    /** What a node and an admin command open alike. */
    private record Shared(Database database, Jdbc jdbc, Leases leases, String holder, NodeIdLease lease, GidGenerator gids,
                          UploadIntents intents, BlobStore blobs, AttachmentStore attachments, OrphanSweeper sweeper) {
    }

    static Storage openForServer(StorageConfig config, StorageContext context, Executor background) throws IOException {
        Resources resources = new Resources();
        try {
            Shared s = open(config, context, background, resources);
            Clock clock = context.clock();
            DirectoryStore directory = new DirectoryStore(s.jdbc(), s.gids(), clock);
            TokenStore tokens = new TokenStore(s.jdbc(), s.gids(), new AccessTokens(), clock);
            Optional<Bootstrap.FirstStart> first = new Bootstrap(s.jdbc(), directory, tokens, clock).seedIfEmpty();
            if (first.isPresent()) {
                Bootstrap.writeDevToken(config.dataDir(), first.get());
            }
            byte[] secret = SigningSecret.shared(config.signingSecret(), new Settings(s.jdbc()));
            Maintenance maintenance = resources.hold(new Maintenance(List.of(
                    renewal(s.lease()),
                    new Maintenance.Job("orphan sweep", config.sweepEvery(), lost -> sweep(s.sweeper(), config)))));
            // The counts go through a connection of their own: each batch's commit waits for the disk, and on
            // the requests' pool that wait held a connection requests were queuing for (at 16 requests in
            // flight, one request in five waited for a connection with limits on, none with them off).
            Database counts = resources.hold(Database.postgresql(config.database(), "attache-rate-windows", 1));
            // Closed before its database: its last try sends what this node counted.
            MinuteWindows windows = resources.hold(BatchedMinuteWindows.start(new JdbcSharedWindows(counts.jdbc()), clock, Batching.DEFAULT));
            LOG.info("cluster node {} on {}", s.lease().nodeId(), config.describe());
            return new Storage(new Storage.Parts(config, s.lease().nodeId(), s.database(), s.blobs(), s.gids(), directory, tokens,
                    s.attachments(), windows, secret, first, maintenance, resources));
        } catch (IOException | RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    static AdminStorage openForAdmin(StorageConfig config, StorageContext context) throws IOException {
        Resources resources = new Resources();
        try {
            Shared s = open(config, context, Runnable::run, resources);
            // A long command (a migration) must keep its node id; a lost one only ends the command's writes.
            resources.hold(new Maintenance(List.of(renewal(s.lease())))).start(() -> { });
            return AdminStorage.over(s.jdbc(), s.gids(), context.clock(), s.blobs(), BlobCollector.shared(s.sweeper()),
                    resources);
        } catch (IOException | RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private static Shared open(StorageConfig config, StorageContext context, Executor background, Resources resources)
            throws IOException {
        Database database = resources.hold(Database.postgresql(config.database()));
        database.migrate();
        Clock clock = context.clock();
        Jdbc jdbc = database.jdbc();
        Leases leases = new Leases(jdbc, clock);
        String holder = UUID.randomUUID().toString();
        NodeIdLease lease = resources.hold(NodeIdLease.acquire(leases,
                config.nodeId() == null ? OptionalInt.empty() : OptionalInt.of(config.nodeId()), holder));
        GidGenerator gids = new GidGenerator(clock, lease.nodeId());
        BlobStore bytes = config.blobStore() == null
                ? FileBlobStore.open(config.dataDir().resolve("blobs"), background)
                : context.blobStores().open(config.blobStore());
        resources.holdIfCloseable(bytes);
        UploadIntents intents = new UploadIntents(jdbc, clock, lease.nodeId());
        BlobStore blobs = new IntentRecordingBlobStore(context.wrapBlobs().apply(bytes), intents, clock,
                config.orphanGrace().dividedBy(4));
        AttachmentStore attachments = new JdbcAttachmentStore(jdbc);
        OrphanSweeper sweeper = new OrphanSweeper(blobs, attachments, intents, leases, holder, clock, config.orphanGrace());
        return new Shared(database, jdbc, leases, holder, lease, gids, intents, blobs, attachments, sweeper);
    }

    private static Maintenance.Job renewal(NodeIdLease lease) {
        boolean[] reported = new boolean[1];
        return new Maintenance.Job("node id lease", NodeIdLease.RENEW_EVERY, lost -> {
            if (!lease.renew() && !reported[0]) {
                reported[0] = true;
                LOG.error("node id {} was taken by another node after this node failed to renew it for {}; "
                        + "this node stops serving so that no two nodes make the same gids", lease.nodeId(), NodeIdLease.TTL);
                lost.run();
            }
        });
    }

    private static void sweep(OrphanSweeper sweeper, StorageConfig config) {
        try {
            sweeper.sweepIfLeader(config.sweepEvery());
        } catch (IOException e) {
            LOG.warn("orphan sweep failed; it runs again in {}", config.sweepEvery(), e);
        }
    }
}
