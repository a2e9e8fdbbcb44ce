package dev.attache.server.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.attachments.JdbcAttachmentStore;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.TokenStore;
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

    private final Database database;
    private final Admin admin;
    private final BlobCollector collector;
    private final Scrubber scrubber;

    private AdminStorage(Database database, Admin admin, BlobCollector collector, Scrubber scrubber) {
        this.database = database;
        this.admin = admin;
        this.collector = collector;
        this.scrubber = scrubber;
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
                new BlobCollector(dataDir, blobs, attachments),
                new Scrubber(new UploadRows(jdbc), attachments, blobs));
    }

    /** Workspaces, users, memberships, tokens and parents. */
    public Admin admin() {
        return admin;
    }

    /** Removes bytes no attachment references, when no server is running. */
    public BlobCollector collector() {
        return collector;
    }

    /** Checks every uploaded attachment's bytes against its recorded size and SHA-256. */
    public Scrubber scrubber() {
        return scrubber;
    }

    @Override
    public void close() {
        database.close();
    }
}
