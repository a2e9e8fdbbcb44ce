package dev.attache.server.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.attachments.JdbcAttachmentStore;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.OAuthApps;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.db.Database;
import dev.attache.server.db.Jdbc;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.ids.GidGenerator;

/**
 * A server's storage opened for operator commands: the database (migrated) and the blob files of a
 * data directory, with the {@link Admin} actions, the blob {@link BlobCollector garbage collector}
 * and the {@link Scrubber} built over them. Opening it takes no lock, so it works beside a running
 * server; SQLite's WAL lets both write, and the server sees each commit on its next query.
 *
 * <pre>{@code
 * try (AdminStorage storage = AdminStorage.open(Path.of("attache-data"))) {
 *     storage.admin().createWorkspace("Design");
 * }
 * }</pre>
 *
 * Thread-safe; close it once.
 */
public final class AdminStorage implements AutoCloseable {

    /**
     * The node id in gids that admin commands generate. A running server makes gids with its own node
     * id (0 unless configured), so rows created here and there in the same millisecond never collide.
     */
    public static final int NODE_ID = 1023;

    private final AutoCloseable resources;
    private final Admin admin;
    private final BlobCollector collector;
    private final Scrubber scrubber;
    private final Jdbc jdbc;
    private final BlobStore blobs;
    private final OAuthApps apps;

    private AdminStorage(AutoCloseable resources, Admin admin, BlobCollector collector, Scrubber scrubber, Jdbc jdbc,
                         BlobStore blobs, OAuthApps apps) {
        this.resources = resources;
        this.admin = admin;
        this.collector = collector;
        this.scrubber = scrubber;
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.apps = apps;
    }

    /**
     * The admin actions over storage someone else opened, such as a cluster's.
     *
     * @param resources closed by {@link #close()}: whatever holds the database and the blob store open
     */
    public static AdminStorage over(Jdbc jdbc, GidGenerator gids, Clock clock, BlobStore blobs, BlobCollector collector,
                                    AutoCloseable resources) {
        AttachmentStore attachments = new JdbcAttachmentStore(jdbc);
        return new AdminStorage(resources,
                new Admin(new DirectoryStore(jdbc, gids, clock), new TokenStore(jdbc, gids, new AccessTokens(), clock)),
                collector, new Scrubber(new UploadRows(jdbc), attachments, blobs), jdbc, blobs, new OAuthApps(jdbc, gids, clock));
    }

    /**
     * Opens the storage of a data directory and brings its schema up to date.
     *
     * @throws AdminTargetNotFoundException when the directory does not exist
     * @throws IOException       when the blob folders cannot be created
     */
    public static AdminStorage open(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            throw new AdminTargetNotFoundException("no data directory at " + dataDir.toAbsolutePath());
        }
        Database database = Database.sqlite(dataDir);
        try {
            database.migrate();
            return build(dataDir, database);
        } catch (RuntimeException | IOException e) {
            database.close();
            throw e;
        }
    }

    private static AdminStorage build(Path dataDir, Database database) throws IOException {
        Clock clock = Clock.systemUTC();
        GidGenerator gids = new GidGenerator(clock, NODE_ID);
        Jdbc jdbc = database.jdbc();
        DirectoryStore directory = new DirectoryStore(jdbc, gids, clock);
        TokenStore tokens = new TokenStore(jdbc, gids, new AccessTokens(), clock);
        AttachmentStore attachments = new JdbcAttachmentStore(jdbc);
        FileBlobStore blobs = FileBlobStore.open(dataDir.resolve("blobs"));
        return new AdminStorage(database,
                new Admin(directory, tokens),
                BlobCollector.exclusive(dataDir, blobs, attachments),
                new Scrubber(new UploadRows(jdbc), attachments, blobs), jdbc, blobs, new OAuthApps(jdbc, gids, clock));
    }

    /** Workspaces, users, memberships, tokens and parents. */
    public Admin admin() {
        return admin;
    }

    /** The registered OAuth apps; deleting one revokes every token it was issued. */
    public OAuthApps apps() {
        return apps;
    }

    /** Removes bytes no attachment references: from a stopped single server, or beside a cluster's live nodes. */
    public BlobCollector collector() {
        return collector;
    }

    /** Checks every uploaded attachment's bytes against its recorded size and SHA-256. */
    public Scrubber scrubber() {
        return scrubber;
    }

    /** The metadata database, for moving data in or out. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** The blob store, for moving data in or out. */
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not close the storage cleanly", e);
        }
    }
}
