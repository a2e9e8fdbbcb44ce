package dev.attache.server.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.attachments.BlobSweeper;
import dev.attache.server.attachments.JdbcAttachmentStore;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.DataDirLock;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.db.Database;
import dev.attache.server.db.Jdbc;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.ratelimit.InMemoryMinuteWindows;
import dev.attache.server.signing.SigningSecret;

/**
 * One server owning a data directory: SQLite and files in it, locked while the server runs, so that
 * the start-up sweep may remove every partial write and every unreferenced blob.
 */
final class EmbeddedProfile {

    private EmbeddedProfile() {
    }

    static Storage openForServer(StorageConfig config, StorageContext context, Executor background) throws IOException {
        Files.createDirectories(config.dataDir());
        Resources resources = new Resources();
        try {
            resources.hold(DataDirLock.tryAcquire(config.dataDir()).orElseThrow(() -> new IOException(
                    "another Attaché server is using " + config.dataDir().toAbsolutePath())));
            Database database = resources.hold(Database.sqlite(config.dataDir()));
            database.migrate();
            Clock clock = context.clock();
            int nodeId = config.nodeId() == null ? 0 : config.nodeId();
            GidGenerator gids = new GidGenerator(clock, nodeId);
            Jdbc jdbc = database.jdbc();
            BlobStore blobs = context.wrapBlobs().apply(FileBlobStore.open(config.dataDir().resolve("blobs"), background));
            DirectoryStore directory = new DirectoryStore(jdbc, gids, clock);
            TokenStore tokens = new TokenStore(jdbc, gids, new AccessTokens(), clock);
            AttachmentStore attachments = new JdbcAttachmentStore(jdbc);

            new BlobSweeper(blobs, attachments).sweep();
            Optional<Bootstrap.FirstStart> first = new Bootstrap(jdbc, directory, tokens, clock).seedIfEmpty(config.dataDir());
            byte[] secret = SigningSecret.load(config.signingSecret(), config.dataDir());
            return new Storage(new Storage.Parts(config, nodeId, database, blobs, gids, directory, tokens, attachments,
                    new InMemoryMinuteWindows(clock), secret, first, Maintenance.none(), resources));
        } catch (IOException | RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    static AdminStorage openForAdmin(StorageConfig config) throws IOException {
        return AdminStorage.open(config.dataDir());
    }
}
