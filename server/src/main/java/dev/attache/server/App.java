package dev.attache.server;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.attache.server.admin.Admin;
import dev.attache.server.attachments.AttachmentRoutes;
import dev.attache.server.attachments.DirectAttachmentGet;
import dev.attache.server.attachments.AttachmentService;
import dev.attache.server.attachments.AttachmentView;
import dev.attache.server.attachments.MultipartUploadReader;
import dev.attache.server.attachments.PageTokens;
import dev.attache.server.attachments.UploadSlots;
import dev.attache.server.auth.AccessTokens;
import dev.attache.server.auth.ApiGate;
import dev.attache.server.auth.ApiRoutes;
import dev.attache.server.auth.Authenticator;
import dev.attache.server.auth.OAuthApps;
import dev.attache.server.blob.BlobStore;
import dev.attache.server.console.Console;
import dev.attache.server.console.ConsoleSessions;
import dev.attache.server.directory.Access;
import dev.attache.server.directory.Bootstrap;
import dev.attache.server.directory.DirectoryRoutes;
import dev.attache.server.download.DirectDownload;
import dev.attache.server.download.DownloadRoutes;
import dev.attache.server.download.DownloadUrls;
import dev.attache.server.http.AccessLog;
import dev.attache.server.http.Compression;
import dev.attache.server.http.DirectRoute;
import dev.attache.server.http.DirectRoutes;
import dev.attache.server.http.ErrorMapping;
import dev.attache.server.http.HandlerChain;
import dev.attache.server.http.IncidentPhrases;
import dev.attache.server.http.Json;
import dev.attache.server.http.JsonErrorHandler;
import dev.attache.server.http.PublicBase;
import dev.attache.server.http.RequestBodies;
import dev.attache.server.http.RequestIds;
import dev.attache.server.http.RequestObserver;
import dev.attache.server.oauth.Grants;
import dev.attache.server.oauth.Identities;
import dev.attache.server.oauth.OAuthRoutes;
import dev.attache.server.ops.InFlightRequests;
import dev.attache.server.ops.OpsRoutes;
import dev.attache.server.ops.ServerMetrics;
import dev.attache.server.ratelimit.RateLimiter;
import dev.attache.server.signing.Signer;
import dev.attache.server.storage.Storage;
import dev.attache.server.storage.StorageContext;
import dev.attache.server.tls.TlsConnectionFactories;
import dev.attache.server.tls.TlsKeys;
import dev.attache.server.tls.TlsSource;
import io.javalin.Javalin;

/**
 * The composition root: opens the storage for the configured profile, builds every part of the server
 * over it with {@code new}, in order, and starts it.
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
    /** How long a drain whose grace ran out waits for the requests it cut to give up, at most. */
    private static final Duration CUT_REQUESTS_UNWIND = Duration.ofSeconds(5);

    private final Javalin javalin;
    private final Storage storage;
    private final ServerConfig config;
    private final PublicBase base;
    private final int port;
    private final ExecutorService background;
    private final InFlightRequests inFlight;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private App(Javalin javalin, Storage storage, ServerConfig config, PublicBase base, int port, ExecutorService background,
            InFlightRequests inFlight) {
        this.javalin = javalin;
        this.storage = storage;
        this.config = config;
        this.base = base;
        this.port = port;
        this.background = background;
        this.inFlight = inFlight;
    }

    /** Starts a server on the configured storage, with no external blob stores (see {@link StorageContext}). */
    public static App start(ServerConfig config) throws IOException {
        return start(config, StorageContext.defaults());
    }

    /** Starts a server whose bytes go through a given store instead (a faulty one, in tests). */
    public static App start(ServerConfig config, BlobStore blobs) throws IOException {
        return start(config, StorageContext.defaults().withBlobWrapper(opened -> blobs));
    }

    /**
     * Starts a server: storage first, then the routes over it, then maintenance, then the banner. The
     * server's clock is the config's (tests and test controls move it), so it replaces the context's.
     */
    public static App start(ServerConfig config, StorageContext given) throws IOException {
        StorageContext context = given.withClock(config.clock());
        ExecutorService background = Executors.newCachedThreadPool(daemonThreads("attache-background"));
        Storage storage = null;
        try {
            storage = Storage.openForServer(config.storage(), context, background);
            App app = serve(config, storage, context.clock(), background);
            storage.startMaintenance(app::stopAfterLosingNodeId);
            app.announce(System.out);
            return app;
        } catch (IOException | RuntimeException e) {
            if (storage != null) {
                storage.close();
            }
            background.shutdownNow();
            throw e;
        }
    }

    private static App serve(ServerConfig config, Storage storage, Clock clock, ExecutorService background) throws IOException {
        Access access = new Access(storage.directory());
        AttachmentService attachments = new AttachmentService(storage.attachments(), storage.blobs(), access, storage.gids(), clock);
        Signer signer = new Signer(storage.signingSecret());
        PublicBase base = new PublicBase();
        DownloadUrls downloadUrls = new DownloadUrls(signer, base, config.downloadUrlTtl(), clock);
        ServerMetrics metrics = new ServerMetrics();
        RequestBodies bodies = new RequestBodies(config.minRequestDataRate(), clock, MultipartUploadReader.MAX_BODY_BYTES,
                RequestBodies.LARGE_DISCARDS_AT_ONCE);
        Json json = new Json(bodies);
        ConsoleSessions sessions = new ConsoleSessions(storage.database().jdbc(), storage.tokens(), clock);
        Authenticator authenticator = new Authenticator(storage.tokens(), sessions);
        RateLimiter limiter = new RateLimiter(config.rateLimits(), clock, storage.minuteWindows());
        OAuthRoutes oauth = new OAuthRoutes(new OAuthApps(storage.database().jdbc(), storage.gids(), clock),
                new Grants(storage.database().jdbc(), storage.gids(), new AccessTokens(), storage.tokens(), clock,
                        config.oauthAccessTokenTtl()),
                storage.tokens(),
                gid -> storage.directory().user(gid).map(u -> new Identities.Identity(u.gid(), u.name(), u.email())), json);
        TlsKeys tlsKeys = config.tls() == null ? null : TlsKeys.load(config.tls(), config.dataDir(), config.bindAddress(), clock);

        RequestObserver observer = (method, route, status, nanos, in, out, id) -> {
            AccessLog.log(method, route, status, nanos, in, out, id);
            metrics.request(method, route, status, Duration.ofNanos(nanos));
        };
        AttachmentView view = new AttachmentView(downloadUrls, base);
        InFlightRequests inFlight = new InFlightRequests();
        ApiGate gate = new ApiGate(authenticator, limiter);
        // In front of every framework route, outermost first: the in-flight count, so that a drain waits for
        // every request (a faulted or direct one included); the faults, only with test controls, so that they
        // reach the direct routes too; then the direct routes. Javalin attaches itself inside the last.
        List<Handler.Wrapper> front = new ArrayList<>();
        front.add(inFlight);
        config.controls().ifPresent(controls -> front.add(controls.faultHandler(json)));
        List<DirectRoute> direct = new ArrayList<>(List.of(new DirectAttachmentGet(gate, attachments, view, json)));
        if (storage.blobs().keepsLocalFiles()) {
            direct.add(new DirectDownload(attachments, downloadUrls, metrics::downloadedBytes));
        }
        front.add(new DirectRoutes(direct, observer, json));
        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = Runtime.version().feature() >= 21;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler(json)));
            cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            cfg.jetty.addConnector((server, http) -> connector(server, http, config, tlsKeys));
            cfg.requestLogger.http(observer::finished);
            cfg.jetty.modifyServer(server -> server.setHandler(HandlerChain.of(front)));
            cfg.routes.before(RequestIds::assign);
            Compression.register(cfg);
            new ErrorMapping(json, new IncidentPhrases(), bodies).register(cfg);

            ApiRoutes api = new ApiRoutes(cfg, gate);
            new AttachmentRoutes(attachments, new MultipartUploadReader(storage.blobs(), background),
                    view, new PageTokens(signer, config.offsetTokenTtl(), clock), access, json,
                    base, metrics, bodies, new UploadSlots(config.maxUploadsInFlight())).register(api);
            new DirectoryRoutes(storage.directory(), access, attachments::deleteParent, json).register(api);
            new DownloadRoutes(attachments, downloadUrls, authenticator, metrics).register(cfg);
            new OpsRoutes(metrics, storage.database()::isHealthy, storage.blobs()::isHealthy, inFlight::isShutdown,
                    background, json).register(cfg);
            new Console(sessions, storage.tokens(), storage.directory(), access, gate, json, base::get)
                    .register(cfg);
            oauth.register(cfg);
            config.controls().ifPresent(controls -> controls.install(cfg, json, storage.database().jdbc(), storage.blobs(),
                    storage.gids()));
        });
        javalin.start();
        int port = ((ServerConnector) javalin.jettyServer().server().getConnectors()[0]).getLocalPort();
        String scheme = tlsKeys == null ? "http" : "https";
        base.set(config.publicBase().orElseGet(() -> URI.create(scheme + "://" + reachableHost(config.bindAddress()) + ":" + port)));
        LOG.info("Attaché listening on {}:{} ({})", config.bindAddress(), port, config.storage().describe());
        return new App(javalin, storage, config, base, port, background, inFlight);
    }

    private static ServerConnector connector(Server server, HttpConfiguration http, ServerConfig config, TlsKeys tlsKeys) {
        ConnectionFactory[] factories = tlsKeys == null ? new ConnectionFactory[] {http1(http)}
                : TlsConnectionFactories.create(tlsKeys, http, App::http1);
        // The pool must keep buffers as large as the input buffer, or every read allocates a fresh direct buffer.
        ArrayByteBufferPool pool = new ArrayByteBufferPool(0, 4096, 2 * INPUT_BUFFER_BYTES);
        ServerConnector connector = new ServerConnector(server, null, null, pool, -1, -1, factories);
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        // Jetty shortens every connection's idle timeout to a second when a drain begins, which would cut
        // an upload that pauses that long; requests in flight keep their usual timeout instead.
        connector.setShutdownIdleTimeout(config.idleTimeout().toMillis());
        return connector;
    }

    /** HTTP/1.1, reading uploads in large pieces: fewer trips through the parser. */
    private static HttpConnectionFactory http1(HttpConfiguration http) {
        HttpConnectionFactory factory = new HttpConnectionFactory(http);
        factory.setInputBufferSize(INPUT_BUFFER_BYTES);
        return factory;
    }

    /** The first-start banner on the node that seeded the database; a one-line greeting on the others of a cluster. */
    private void announce(PrintStream out) {
        if (!config.printDevToken()) {
            return;
        }
        storage.firstStart().ifPresentOrElse(first -> {
            out.println();
            out.println("First start: created workspace \"" + first.workspace().name() + "\" (" + first.workspace().gid()
                    + ") and user " + first.user().email() + ".");
            out.println("Personal access token (also in " + Bootstrap.devTokenFile(config.dataDir()) + ", shown only now):");
            out.println("  " + first.token());
            out.println("Try it:");
            out.println("  " + tryIt(config, apiBaseUri()));
            out.println("  or open " + baseUri() + "/ in a browser and sign in with the token.");
            out.println();
        }, () -> {
            if (config.storage().isCluster()) {
                out.println("The cluster is ready: joined as node " + storage.nodeId() + " on " + config.storage().describe()
                        + ". The dev token is in the data dir of the node that seeded the database (its first-start banner says so).");
            }
        });
        out.flush();
    }

    /** The banner's curl command, which works as printed: with the self-signed certificate, curl is told to trust it. */
    static String tryIt(ServerConfig config, URI apiBase) {
        String trust = config.tls() instanceof TlsSource.SelfSigned
                ? "--cacert " + TlsKeys.selfSignedCertificate(config.dataDir()) + " " : "";
        return "curl " + trust + "-H \"Authorization: Bearer $(cat " + Bootstrap.devTokenFile(config.dataDir()) + ")\" "
                + apiBase + "/users/me";
    }

    /** Another node holds this node's id now: stop taking requests rather than risk duplicate gids. */
    private void stopAfterLosingNodeId() {
        new Thread(javalin::stop, "attache-stop").start();
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

    /** The requests answered ahead of the framework so far (see {@link DirectRoutes}). */
    long directAnswers() {
        DirectRoutes direct = javalin.jettyServer().server().getDescendant(DirectRoutes.class);
        return direct == null ? 0 : direct.answered();
    }

    /** The requests being handled now: those a {@link #drain()} waits for. */
    long requestsInFlight() {
        return inFlight.count();
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

    /** The token written to {@code <data dir>/dev-token} on first start (in a cluster, by the node that seeded). */
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
        return new Admin(storage.directory(), storage.tokens());
    }

    /** Whether this start seeded an empty database (the one node of a cluster that did prints the banner). */
    public boolean seeded() {
        return storage.firstStart().isPresent();
    }

    /**
     * Stops gracefully, as on SIGTERM: at once {@code /health/ready} turns 503 and the listener closes, so
     * new connections are refused; requests in flight (uploads included) finish within the configured
     * {@link ServerConfig#shutdownGrace() shutdown grace}, each answer closing its connection. Then the
     * server stops, cutting whatever still runs, and only after that the storage is released, so no
     * request loses its database or blob store midway. A cut upload leaves no attachment; its bytes
     * are swept (at the next start on the embedded default, by the cluster's orphan sweep otherwise).
     * Does nothing when the server has stopped already.
     *
     * @return whether every request finished within the grace; {@code false} when some were cut, or the
     *         server had stopped already
     */
    public boolean drain() {
        if (!stopped.compareAndSet(false, true)) {
            return false;
        }
        Duration grace = config.shutdownGrace();
        LOG.info("Draining: no new connections; waiting up to {} for {} request(s) in flight", grace, inFlight.count());
        // Readiness first, so that no probe sees a closed listener and still a ready node. Then the
        // connectors close their listening sockets and mark every answer 'Connection: close'. Only the
        // requests are waited for: idle kept-alive connections close when the server stops.
        CompletableFuture<Void> requestsDone = inFlight.shutdown();
        Graceful.shutdown(javalin.jettyServer().server());
        boolean finished = await(requestsDone, grace);
        if (finished) {
            LOG.info("Drained: every request in flight finished");
        } else {
            LOG.warn("The shutdown grace of {} ran out with {} request(s) in flight; cutting them", grace, inFlight.count());
        }
        javalin.stop();
        if (!finished) {
            // Cut requests fail at once; let them unwind (an upload aborts its write) before the storage closes under them.
            await(requestsDone, CUT_REQUESTS_UNWIND);
        }
        background.shutdownNow();
        storage.close();
        return finished;
    }

    private static boolean await(CompletableFuture<Void> done, Duration bound) {
        try {
            done.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops taking requests at once, cutting those in flight, then releases the storage: node id, database, data directory. */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            release();
        }
    }

    private void release() {
        javalin.stop();
        background.shutdownNow();
        storage.close();
    }
}
