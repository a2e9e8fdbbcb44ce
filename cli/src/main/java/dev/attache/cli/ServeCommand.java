package dev.attache.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.faults.TestControls;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.signing.Secrets;
import dev.attache.server.tls.TlsKeys;
import dev.attache.server.tls.TlsSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attache serve}: runs the server until stopped, on the embedded default (SQLite and files) or
 * as one node of a cluster (PostgreSQL and S3).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the Attachments API server on the embedded default: SQLite and local files in --data-dir.",
                "With --database (and --blob-store), runs one node of a cluster: nodes started with the same database and "
                        + "blob store agree on everything else by themselves.",
                "Every option can also be set with the environment variable named after it.",
                "Probes, outside the API and without a token: /health/live answers 200 while the process serves; "
                        + "/health/ready answers 200 while the database and the blob store answer and the node is not "
                        + "draining, 503 otherwise, naming what is down; each within a second.",
                "SIGTERM or Ctrl-C drains: readiness turns 503 and new connections are refused at once, requests "
                        + "in flight finish (uploads included) within --shutdown-grace, then the process exits 0."},
        footer = {"", "Example:", "  attache serve --port 8080 --data-dir ./attache-data",
                "  ATTACHE_PORT=9000 attache serve",
                "  attache serve --tls-cert fullchain.pem --tls-key privkey.pem",
                "  attache serve --port 8081 --database postgresql://attache@db/attache --blob-store s3://attachments"},
        defaultValueProvider = ServeDefaults.class)
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Where {@code --test-controls} writes the control token, inside the data directory. */
    static final String TEST_CONTROL_TOKEN_FILE = "test-control-token";

    @Option(names = "--port",
            description = "TCP port; 0 picks a free one (env ATTACHE_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind",
            description = "Address to listen on (env ATTACHE_BIND, default ${DEFAULT-VALUE}).")
    String bind;


    @Mixin
    StorageOptions storage;

    @Option(names = "--public-url", defaultValue = "${env:ATTACHE_PUBLIC_URL}",
            description = "Scheme, host and port clients reach the server at, for download_url and next_page.uri "
                    + "(env ATTACHE_PUBLIC_URL, default http://<bind>:<port>).")
    URI publicUrl;

    @Option(names = "--signing-secret", defaultValue = "${env:ATTACHE_SIGNING_SECRET}",
            description = "Key for signed download URLs and offset tokens; give every node the same one "
                    + "(env ATTACHE_SIGNING_SECRET, default: generated and kept in the data dir).")
    String signingSecret;

    @Option(names = "--rate-limits", negatable = true, fallbackValue = "true",
            description = "Enforce per-token rate limits (env ATTACHE_RATE_LIMITS, default ${DEFAULT-VALUE}).")
    boolean rateLimits;

    @Option(names = "--requests-per-minute",
            description = "Requests a token may make per minute (env ATTACHE_REQUESTS_PER_MINUTE, default ${DEFAULT-VALUE}).")
    int requestsPerMinute;

    @Option(names = "--concurrent-reads",
            description = "Reads a token may have in flight (env ATTACHE_CONCURRENT_READS, default ${DEFAULT-VALUE}).")
    int concurrentReads;

    @Option(names = "--concurrent-writes",
            description = "Writes a token may have in flight (env ATTACHE_CONCURRENT_WRITES, default ${DEFAULT-VALUE}).")
    int concurrentWrites;

    @Option(names = "--download-url-ttl", converter = DurationConverter.class,
            description = "How long a download_url stays valid, at least 2m (env ATTACHE_DOWNLOAD_URL_TTL, default ${DEFAULT-VALUE}).")
    Duration downloadUrlTtl;

    @Option(names = "--offset-ttl", converter = DurationConverter.class,
            description = "How long a pagination offset token stays valid (env ATTACHE_OFFSET_TTL, default ${DEFAULT-VALUE}).")
    Duration offsetTtl;

    @Option(names = "--idle-timeout", converter = DurationConverter.class,
            description = "How long a connection may send nothing before it is dropped (env ATTACHE_IDLE_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--min-request-rate",
            description = "Bytes a second a request body must average after its first two seconds, or it is answered 408; "
                    + "0 turns the check off (env ATTACHE_MIN_REQUEST_RATE, default ${DEFAULT-VALUE}).")
    long minRequestRate;

    @Option(names = "--max-uploads-in-flight",
            description = "Uploads the server reads at once over all tokens; one more is answered 503 with Retry-After "
                    + "(env ATTACHE_MAX_UPLOADS_IN_FLIGHT, default ${DEFAULT-VALUE}).")
    int maxUploadsInFlight;

    @Option(names = "--node-id", defaultValue = "${env:ATTACHE_NODE_ID}",
            description = "0..1023, the node id in the gids this node makes (env ATTACHE_NODE_ID; default 0, or with "
                    + "--database one leased from the database; a clash with a running node is refused).")
    Integer nodeId;

    @Option(names = "--oauth-token-ttl", converter = DurationConverter.class,
            description = "How long an OAuth access token works, its expires_in (env ATTACHE_OAUTH_TOKEN_TTL, default ${DEFAULT-VALUE}).")
    Duration oauthTokenTtl;

    @Option(names = "--tls-cert", paramLabel = "FILE", defaultValue = "${env:ATTACHE_TLS_CERT}",
            description = "PEM certificate chain: serve HTTPS (HTTP/2 and HTTP/1.1, TLS 1.2 and 1.3) instead of HTTP; "
                    + "needs --tls-key (env ATTACHE_TLS_CERT).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", defaultValue = "${env:ATTACHE_TLS_KEY}",
            description = "PEM private key of --tls-cert, unencrypted (env ATTACHE_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--tls-self-signed", defaultValue = "${env:ATTACHE_TLS_SELF_SIGNED:-false}",
            description = "Serve HTTPS with a self-signed certificate for local use, made once and kept in <data dir>/tls; "
                    + "clients trust <data dir>/tls/self-signed.pem (env ATTACHE_TLS_SELF_SIGNED).")
    boolean tlsSelfSigned;

    @Option(names = "--shutdown-grace", converter = DurationConverter.class,
            description = "How long a stop (SIGTERM, Ctrl-C) lets requests in flight finish; past it they are cut, and the exit "
                    + "status is the signal's (143 for SIGTERM) instead of 0; 0s stops at once "
                    + "(env ATTACHE_SHUTDOWN_GRACE, default ${DEFAULT-VALUE}).")
    Duration shutdownGrace;

    @Option(names = "--test-controls", defaultValue = "${env:ATTACHE_TEST_CONTROLS:-false}",
            description = "For test suites only: serve faults on demand, a movable clock and a data reset under /_test, "
                    + "guarded by a token written to <data-dir>/test-control-token (env ATTACHE_TEST_CONTROLS, default ${DEFAULT-VALUE}). "
                    + "See testkit/README.md.")
    boolean testControls;

    @Override
    public Integer call() throws Exception {
        App app = start(System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drainThenExit(app), "attache-drain"));
        // Serves until a signal: the JVM's shutdown runs the hook and ends the process, this thread included.
        Thread.currentThread().join();
        return 0;
    }

    /**
     * The shutdown hook: SIGTERM and SIGINT start the JVM's shutdown, which runs this, then exits with
     * 128 + the signal's number (143, 130) whatever a hook does. A drain that finished every request is a
     * clean stop and ends the process with 0 itself; {@link Runtime#halt} is the only public way to choose
     * the status once the shutdown has begun ({@code System.exit} would wait for ever on the shutdown under
     * way), and it comes last, after the server, the storage and the log have been closed. When the grace
     * ran out, the JVM's own status stays, so a supervisor sees that requests were cut.
     *
     * <p>The JVM ignores a second SIGTERM or SIGINT while its hooks run, and Java has no public API to
     * see one; the grace bounds the drain instead (and the {@code attache} launcher turns a second signal
     * into SIGKILL).
     */
    private static void drainThenExit(App app) {
        boolean finished = app.drain();
        stopLogging();
        System.out.flush();
        System.err.flush();
        if (finished) {
            Runtime.getRuntime().halt(0);
        }
    }

    /** Writes out what the batching access log still holds: halting skips logback's own stop. */
    private static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
            logging.stop();
        }
    }

    /** Starts the server and says where it is; with test controls, where they are and their token. */
    App start(PrintStream out) throws IOException {
        TestControls controls = testControls ? TestControls.create(Clock.systemUTC()) : null;
        ServerConfig config = config(controls);
        App app = App.start(config, storage.context());
        out.println("Attaché is serving " + app.apiBaseUri() + " (" + config.storage().describe() + "). Stop with Ctrl-C.");
        if (config.tls() instanceof TlsSource.SelfSigned) {
            out.println("Self-signed certificate: clients trust " + TlsKeys.selfSignedCertificate(config.dataDir()).toAbsolutePath()
                    + " (curl --cacert FILE).");
        }
        if (controls != null) {
            Path tokenFile = config.dataDir().resolve(TEST_CONTROL_TOKEN_FILE);
            try {
                Secrets.writePrivate(tokenFile, controls.controlToken() + "\n");
            } catch (IOException e) {
                app.close();
                throw e;
            }
            out.println("Test controls are ON (never in production): " + app.baseUri() + "/_test, token in " + tokenFile + ":");
            out.println("  " + controls.controlToken());
        }
        out.flush();
        return app;
    }

    ServerConfig config(@Nullable TestControls controls) {
        RateLimits limits = rateLimits
                ? new RateLimits(true, requestsPerMinute, concurrentReads, concurrentWrites)
                : RateLimits.NONE;
        return ServerConfig.builder(storage.dataDir)
                .port(port)
                .bindAddress(bind)
                .publicBaseUrl(publicUrl)
                .signingSecret(signingSecret == null || signingSecret.isEmpty() ? null : signingSecret)
                .rateLimits(limits)
                .downloadUrlTtl(downloadUrlTtl)
                .offsetTokenTtl(offsetTtl)
                .idleTimeout(idleTimeout)
                .minRequestDataRate(minRequestRate)
                .maxUploadsInFlight(maxUploadsInFlight)
                .nodeId(nodeId)
                .oauthAccessTokenTtl(oauthTokenTtl)
                .tls(tls())
                .testControls(controls)
                .database(storage.database())
                .blobStore(storage.blobStore())
                .shutdownGrace(shutdownGrace)
                .build();
    }

    private TlsSource tls() {
        if (tlsSelfSigned && (tlsCert != null || tlsKey != null)) {
            throw new ParameterException(spec.commandLine(), "--tls-self-signed and --tls-cert/--tls-key exclude each other");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together; give both");
        }
        if (tlsSelfSigned) {
            return TlsSource.selfSigned();
        }
        return tlsCert == null ? null : TlsSource.pemFiles(tlsCert, tlsKey);
    }
}
