package dev.attache.cli;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.attache.server.App;
import dev.attache.server.ServerConfig;
import dev.attache.server.ratelimit.RateLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code attache serve}: runs the server until stopped, on the embedded default (SQLite and files) or
 * as one node of a cluster (PostgreSQL and S3).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the Attachments API server on the embedded default: SQLite and local files in --data-dir.",
                "With --database (and --blob-store), runs one node of a cluster: nodes started with the same database and "
                        + "blob store agree on everything else by themselves.",
                "Every option can also be set with the environment variable named after it."},
        footer = {"", "Example:", "  attache serve --port 8080 --data-dir ./attache-data",
                "  ATTACHE_PORT=9000 attache serve",
                "  attache serve --port 8081 --database postgresql://attache@db/attache --blob-store s3://attachments"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:ATTACHE_PORT:-8080}",
            description = "TCP port; 0 picks a free one (env ATTACHE_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "${env:ATTACHE_BIND:-127.0.0.1}",
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

    @Option(names = "--rate-limits", negatable = true, defaultValue = "${env:ATTACHE_RATE_LIMITS:-true}", fallbackValue = "true",
            description = "Enforce per-token rate limits (env ATTACHE_RATE_LIMITS, default ${DEFAULT-VALUE}).")
    boolean rateLimits;

    @Option(names = "--requests-per-minute", defaultValue = "${env:ATTACHE_REQUESTS_PER_MINUTE:-1500}",
            description = "Requests a token may make per minute (env ATTACHE_REQUESTS_PER_MINUTE, default ${DEFAULT-VALUE}).")
    int requestsPerMinute;

    @Option(names = "--concurrent-reads", defaultValue = "${env:ATTACHE_CONCURRENT_READS:-50}",
            description = "Reads a token may have in flight (env ATTACHE_CONCURRENT_READS, default ${DEFAULT-VALUE}).")
    int concurrentReads;

    @Option(names = "--concurrent-writes", defaultValue = "${env:ATTACHE_CONCURRENT_WRITES:-15}",
            description = "Writes a token may have in flight (env ATTACHE_CONCURRENT_WRITES, default ${DEFAULT-VALUE}).")
    int concurrentWrites;

    @Option(names = "--download-url-ttl", defaultValue = "${env:ATTACHE_DOWNLOAD_URL_TTL:-30m}", converter = DurationConverter.class,
            description = "How long a download_url stays valid, at least 2m (env ATTACHE_DOWNLOAD_URL_TTL, default ${DEFAULT-VALUE}).")
    Duration downloadUrlTtl;

    @Option(names = "--offset-ttl", defaultValue = "${env:ATTACHE_OFFSET_TTL:-15m}", converter = DurationConverter.class,
            description = "How long a pagination offset token stays valid (env ATTACHE_OFFSET_TTL, default ${DEFAULT-VALUE}).")
    Duration offsetTtl;

    @Option(names = "--idle-timeout", defaultValue = "${env:ATTACHE_IDLE_TIMEOUT:-30s}", converter = DurationConverter.class,
            description = "How long a connection may send nothing before it is dropped (env ATTACHE_IDLE_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--node-id", defaultValue = "${env:ATTACHE_NODE_ID}",
            description = "0..1023, the node id in the gids this node makes (env ATTACHE_NODE_ID; default 0, or with "
                    + "--database one leased from the database; a clash with a running node is refused).")
    Integer nodeId;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = config();
        App app = App.start(config, storage.context());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "attache-shutdown"));
        System.out.println("Attaché is serving " + app.apiBaseUri() + " (" + config.storage().describe()
                + "). Stop with Ctrl-C.");
        stopped.await();
        return 0;
    }

    ServerConfig config() {
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
                .nodeId(nodeId)
                .database(storage.database())
                .blobStore(storage.blobStore())
                .build();
    }
}
