package dev.attache.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.admin.Admin;
import dev.attache.server.attachments.AttachmentRoutes;
import dev.attache.server.attachments.AttachmentService;
import dev.attache.server.attachments.AttachmentStore;
import dev.attache.server.attachments.AttachmentView;
import dev.attache.server.attachments.BlobSweeper;
import dev.attache.server.attachments.JdbcAttachmentStore;
import dev.attache.server.attachments.MultipartUploadReader;
import dev.attache.server.attachments.PageTokens;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.ApiRoutes;
import dev.attache.server.auth.Authenticator;
import dev.attache.server.auth.TokenStore;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.blob.DataDirLock;
import dev.attache.server.blob.FileBlobStore;
import dev.attache.server.db.Database;
import dev.attache.server.db.Jdbc;
import dev.attache.server.directory.Access;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.directory.DirectoryRoutes;
import dev.attache.server.directory.DirectoryStore;
import dev.attache.server.download.DownloadRoutes;
import dev.attache.server.download.DownloadUrls;
import dev.attache.server.http.AccessLog;
import dev.attache.server.http.ErrorMapping;
import dev.attache.server.http.IncidentPhrases;
import dev.attache.server.http.Json;
import dev.attache.server.http.JsonErrorHandler;
import dev.attache.server.http.PublicBase;
import dev.attache.server.ids.GidGenerator;
import dev.attache.server.ops.OpsRoutes;
import dev.attache.server.ops.ServerMetrics;
import dev.attache.server.ratelimit.RateLimiter;
import dev.attache.server.signing.Signer;
import dev.attache.server.signing.SigningSecret;
import io.javalin.Javalin;

/**
 * The composition root: builds every part of the server with {@code new}, in order, and starts it.
 *
 * <pre>{@code
 * try (App app = App.start(ServerConfig.forTests(dir))) {
 *     URI api = app.apiBaseUri();   // http://127.0.0.1:PORT/api/1.0
 *     String token = app.devToken();
 * }
 * }</pre>
 */
public final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    private static final int INPUT_BUFFER_BYTES = 128 * 1024;

    private final Javalin javalin;
    private final Database database;
    private final DataDirLock lock;
    private final ServerConfig config;
    private final PublicBase base;
    private final Admin admin;
    private final int port;
    private final ExecutorService background;

    private App(Javalin javalin, Database database, DataDirLock lock, ServerConfig config, PublicBase base, Admin admin, int port,
                ExecutorService background) {
        this.background = background;
        this.javalin = javalin;
        this.database = database;
        this.lock = lock;
        this.config = config;
        this.base = base;
        this.admin = admin;
        this.port = port;
    }

    /** Starts a server on the embedded default: SQLite and files in the data directory. */
    public static App start(ServerConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        ExecutorService background = backgroundPool();
        return start(config, FileBlobStore.open(config.dataDir().resolve("blobs"), background), background);
    }

    /** Starts a server over a given blob store (a different backend, or a faulty one in tests). */
    public static App start(ServerConfig config, BlobStore blobs) throws IOException {
        return start(config, blobs, backgroundPool());
    }

    /** Daemon threads for work beside requests: hashing uploads and early write-back of their bytes. */
    private static ExecutorService backgroundPool() {
        return Executors.newCachedThreadPool(daemonThreads("attache-background"));
    }

    private static App start(ServerConfig config, BlobStore blobs, ExecutorService background) throws IOException {
        Files.createDirectories(config.dataDir());
        DataDirLock lock = DataDirLock.tryAcquire(config.dataDir()).orElseThrow(() -> new IOException(
                "another Attaché server is using " + config.dataDir().toAbsolutePath()));
        Database database = Database.sqlite(config.dataDir());
        try {
            return start(config, blobs, lock, database, background);
        } catch (RuntimeException | IOException e) {
            background.shutdownNow();
            database.close();
            closeQuietly(lock);
            throw e;
        }
    }

    private static App start(ServerConfig config, BlobStore blobs, DataDirLock lock, Database database,
                             ExecutorService background) throws IOException {
        database.migrate();
        Clock clock = Clock.systemUTC();
        GidGenerator gids = new GidGenerator(clock, config.nodeId());
        Jdbc jdbc = database.jdbc();
        TokenStore tokens = new TokenStore(jdbc, gids, new AccessTokens(), clock);
        DirectoryStore directory = new DirectoryStore(jdbc, gids, clock);
        Access access = new Access(directory);
        AttachmentStore attachmentStore = new JdbcAttachmentStore(jdbc);
        AttachmentService attachments = new AttachmentService(attachmentStore, blobs, access, gids, clock);

        new BlobSweeper(blobs, attachmentStore).sweep();
        Optional<Bootstrap.FirstStart> firstStart = new Bootstrap(jdbc, directory, tokens, clock).seedIfEmpty(config.dataDir());

        Signer signer = new Signer(SigningSecret.load(config.signingSecret(), config.dataDir()));
        PublicBase base = new PublicBase();
        DownloadUrls downloadUrls = new DownloadUrls(signer, base, config.downloadUrlTtl(), clock);
        ServerMetrics metrics = new ServerMetrics();
        Json json = new Json();
        Authenticator authenticator = new Authenticator(tokens);
        RateLimiter limiter = new RateLimiter(config.rateLimits(), clock);

        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
            cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            cfg.jetty.addConnector((server, http) -> {
                HttpConnectionFactory factory = new HttpConnectionFactory(http);
                // Uploads arrive in large bodies; bigger reads mean fewer trips through the parser. The
                // pool must keep buffers that large, or every read allocates a fresh direct buffer.
                factory.setInputBufferSize(INPUT_BUFFER_BYTES);
                ArrayByteBufferPool pool = new ArrayByteBufferPool(0, 4096, 2 * INPUT_BUFFER_BYTES);
                ServerConnector connector = new ServerConnector(server, null, null, pool, -1, -1, factory);
                connector.setHost(config.bindAddress());
                connector.setPort(config.port());
                connector.setIdleTimeout(config.idleTimeout().toMillis());
                return connector;
            });
            cfg.requestLogger.http((ctx, millis) -> {
                AccessLog.log(ctx, millis);
                metrics.request(ctx.method().name(), AccessLog.route(ctx), ctx.statusCode(),
                        Duration.ofNanos((long) (millis * 1_000_000)));
            });
            new ErrorMapping(json, new IncidentPhrases()).register(cfg);

            ApiRoutes api = new ApiRoutes(cfg, authenticator, limiter);
            new AttachmentRoutes(attachments, new MultipartUploadReader(blobs, background), new AttachmentView(downloadUrls, base),
                    new PageTokens(signer, config.offsetTokenTtl(), clock), access, json, base, metrics).register(api);
            new DirectoryRoutes(directory, access, attachments::deleteParent, json).register(api);
            new DownloadRoutes(attachments, downloadUrls, authenticator, metrics).register(cfg);
            new OpsRoutes(metrics, database::isHealthy, blobs::isHealthy, json).register(cfg);
        });
        javalin.start();
        int port = ((ServerConnector) javalin.jettyServer().server().getConnectors()[0]).getLocalPort();
        base.set(config.publicBase().orElseGet(() -> URI.create("http://" + reachableHost(config.bindAddress()) + ":" + port)));

        App app = new App(javalin, database, lock, config, base, new Admin(directory, tokens), port, background);
        firstStart.filter(f -> config.printDevToken()).ifPresent(f -> app.announce(f, System.out));
        LOG.info("Attaché listening on {}:{} (data in {})", config.bindAddress(), port, config.dataDir().toAbsolutePath());
        return app;
    }

    private void announce(Bootstrap.FirstStart first, PrintStream out) {
        out.println();
        out.println("First start: created workspace \"" + first.workspace().name() + "\" (" + first.workspace().gid()
                + ") and user " + first.user().email() + ".");
        out.println("Personal access token (also in " + Bootstrap.devTokenFile(config.dataDir()) + ", shown only now):");
        out.println("  " + first.token());
        out.println("Try it:");
        out.println("  curl -H \"Authorization: Bearer $(cat " + Bootstrap.devTokenFile(config.dataDir()) + ")\" "
                + apiBaseUri() + "/users/me");
        out.println();
        out.flush();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static String reachableHost(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.isEmpty() ? "127.0.0.1"
                : bind.contains(":") ? "[" + bind + "]" : bind;
    }

    /** The bound port. */
    public int port() {
        return port;
    }

    /** The API root clients use, such as {@code http://127.0.0.1:8080/api/1.0}. */
    public URI apiBaseUri() {
        return URI.create(base.get() + ApiRoutes.PREFIX);
    }

    /** The server root, for {@code /health} and {@code /metrics}. */
    public URI baseUri() {
        return URI.create(base.get());
    }

    /** The token written to {@code <data dir>/dev-token} on first start. */
    public String devToken() {
        try {
            return Bootstrap.readDevToken(config.dataDir())
                    .orElseThrow(() -> new IllegalStateException("no dev-token in " + config.dataDir()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Operator actions on this server's storage. */
    public Admin admin() {
        return admin;
    }

    /** Stops taking requests, then releases the database and the data directory. */
    @Override
    public void close() {
        javalin.stop();
        background.shutdownNow();
        database.close();
        closeQuietly(lock);
    }

    private static void closeQuietly(DataDirLock lock) {
        try {
            lock.close();
        } catch (IOException ignored) {
            // The operating system drops the lock with the process anyway.
        }
    }
}
