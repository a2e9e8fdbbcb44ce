package dev.attache.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.attache.server.db.PostgresUrl;
import dev.attache.server.faults.TestControls;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.storage.StorageConfig;
import dev.attache.server.tls.TlsSource;

/**
 * Everything the server needs to start. Immutable; build one with {@link #builder(Path)}, or take
 * {@link #defaults(Path)}.
 *
 * @param bindAddress      address to listen on; {@code 127.0.0.1} unless told otherwise
 * @param port             TCP port, {@code 0} for an ephemeral one
 * @param dataDir          directory holding the database, the blobs, the signing secret and the dev token;
 *                         with a {@code database}, only local scratch and the dev token
 * @param publicBaseUrl    scheme, host and port clients reach the server at; derived from the bound
 *                         address and port when {@code null}
 * @param signingSecret    HMAC key for download URLs and offset tokens; generated and kept in the
 *                         data directory when {@code null}
 * @param rateLimits       per-token request and concurrency limits
 * @param downloadUrlTtl   how long a signed {@code download_url} stays valid
 * @param offsetTokenTtl   how long a pagination {@code offset} token stays valid
 * @param idleTimeout      how long a connection may send nothing before the server gives up on it
 * @param minRequestDataRate bytes per second a request body must average (after a grace of two
 *                         seconds), or the request is answered 408; 0 for no minimum. A client that
 *                         trickles a byte a second is never idle, so only this frees its thread
 * @param maxUploadsInFlight uploads the server reads at once, over all tokens; one more is answered 503
 *                         with {@code Retry-After}, so slow uploads cannot take every request thread
 * @param nodeId           0..1023, distinct per node of a deployment, so generated gids never collide; when
 *                         {@code null}, 0 on the embedded default and leased through the database in a cluster
 * @param printDevToken    whether the first start prints the generated token to standard output
 * @param oauthAccessTokenTtl how long an access token from the OAuth token endpoint works ({@code expires_in})
 * @param clock            the time everything is stamped and expires by; tests pass one they advance
 * @param tls              where the certificate comes from to serve HTTPS (HTTP/2 and HTTP/1.1); plain
 *                         HTTP when {@code null}
 * @param testControls     faults, clock and data reset for tests; {@code null} (the default) for none
 * @param database         a PostgreSQL database that the nodes of a cluster share, or {@code null} for
 *                         SQLite in the data directory
 * @param blobStore        where bytes live, such as {@code s3://bucket/prefix}, or {@code null} for files
 *                         in the data directory
 * @param orphanGrace      how long a cluster's upload may go silent before the orphan sweep counts it dead
 * @param sweepEvery       how often a cluster's orphan sweep runs (on one node at a time)
 * @param shutdownGrace    how long {@link App#drain()} lets requests in flight finish before it cuts them;
 *                         zero stops at once
 */
public record ServerConfig(
        String bindAddress,
        int port,
        Path dataDir,
        @Nullable URI publicBaseUrl,
        @Nullable String signingSecret,
        RateLimits rateLimits,
        Duration downloadUrlTtl,
        Duration offsetTokenTtl,
        Duration idleTimeout,
        long minRequestDataRate,
        int maxUploadsInFlight,
        @Nullable Integer nodeId,
        boolean printDevToken,
        Duration oauthAccessTokenTtl,
        Clock clock,
        @Nullable TlsSource tls,
        @Nullable TestControls testControls,
        @Nullable PostgresUrl database,
        @Nullable URI blobStore,
        Duration orphanGrace,
        Duration sweepEvery,
        Duration shutdownGrace) {

    /** The defaults: 127.0.0.1:8080, Asana's paid-plan rate limits, 30-minute download URLs. */
    public static final int DEFAULT_PORT = 8080;

    /**
     * 1 KiB/s: a 100 MB upload over a link of 10 kbit/s still finishes (in about a day); a client
     * trickling a byte a second is cut off within seconds.
     */
    public static final long DEFAULT_MIN_REQUEST_DATA_RATE = 1024;

    /** Leaves well over half of the 250 request threads for everything else. */
    public static final int DEFAULT_MAX_UPLOADS_IN_FLIGHT = 100;

    /** Kubernetes' default termination grace period: a drain that takes longer is cut by its SIGKILL anyway. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(downloadUrlTtl, "downloadUrlTtl");
        Objects.requireNonNull(offsetTokenTtl, "offsetTokenTtl");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(oauthAccessTokenTtl, "oauthAccessTokenTtl");
        Objects.requireNonNull(clock, "clock");
        if (testControls != null && clock != testControls.clock()) {
            throw new IllegalArgumentException("clock must be the test controls' clock when test controls are on");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 but was " + port);
        }
        if (minRequestDataRate < 0) {
            throw new IllegalArgumentException("minRequestDataRate must be 0 or more bytes per second but was " + minRequestDataRate);
        }
        if (maxUploadsInFlight < 1) {
            throw new IllegalArgumentException("maxUploadsInFlight must be at least 1 but was " + maxUploadsInFlight);
        }
        Objects.requireNonNull(orphanGrace, "orphanGrace");
        Objects.requireNonNull(sweepEvery, "sweepEvery");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace must be zero or more but was " + shutdownGrace);
        }
        if (nodeId != null && (nodeId < 0 || nodeId > 1023)) {
            throw new IllegalArgumentException("nodeId must be 0..1023 but was " + nodeId);
        }
        if (downloadUrlTtl.compareTo(Duration.ofMinutes(2)) < 0) {
            throw new IllegalArgumentException("downloadUrlTtl must be at least 2 minutes (Asana promises two) but was " + downloadUrlTtl);
        }
        if (offsetTokenTtl.isNegative() || offsetTokenTtl.isZero()) {
            throw new IllegalArgumentException("offsetTokenTtl must be positive but was " + offsetTokenTtl);
        }
        if (oauthAccessTokenTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("oauthAccessTokenTtl must be at least 1 second but was " + oauthAccessTokenTtl);
        }
        if (signingSecret != null && signingSecret.length() < 16) {
            throw new IllegalArgumentException("signingSecret must be at least 16 characters");
        }
        if (publicBaseUrl != null) {
            String s = publicBaseUrl.toString();
            if (s.endsWith("/")) {
                publicBaseUrl = URI.create(s.substring(0, s.length() - 1));
            }
        }
    }

    /** A builder starting from the defaults for a data directory: 127.0.0.1:8080, Asana's limits, 30-minute URLs. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** The defaults for a data directory: 127.0.0.1:8080, Asana's limits, 30-minute URLs. */
    public static ServerConfig defaults(Path dataDir) {
        return builder(dataDir).build();
    }

    /** Defaults for tests: an ephemeral port and nothing printed. */
    public static ServerConfig forTests(Path dataDir) {
        return builder(dataDir).forTests().build();
    }

    /** The test controls, when they are on. */
    public Optional<TestControls> controls() {
        return Optional.ofNullable(testControls);
    }

    /** The configured public base URL, if one was given. */
    public Optional<URI> publicBase() {
        return Optional.ofNullable(publicBaseUrl);
    }

    /** The storage part of the configuration. */
    public StorageConfig storage() {
        return new StorageConfig(dataDir, database, blobStore, nodeId, signingSecret, orphanGrace, sweepEvery);
    }

    /**
     * Collects settings, each starting at its default, and checks them all at {@link #build()}. A new
     * setting is a record component, a field with its default and a one-line setter here, and its place
     * in {@link #build()}; no other method changes. Not thread-safe; build once and share the record.
     */
    public static final class Builder {
        private final Path dataDir;
        private String bindAddress = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private @Nullable URI publicBaseUrl;
        private @Nullable String signingSecret;
        private RateLimits rateLimits = RateLimits.ASANA_PAID_PLAN;
        private Duration downloadUrlTtl = Duration.ofMinutes(30);
        private Duration offsetTokenTtl = Duration.ofMinutes(15);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private long minRequestDataRate = DEFAULT_MIN_REQUEST_DATA_RATE;
        private int maxUploadsInFlight = DEFAULT_MAX_UPLOADS_IN_FLIGHT;
        private @Nullable Integer nodeId;
        private boolean printDevToken = true;
        private Duration oauthAccessTokenTtl = Duration.ofHours(1);
        private @Nullable Clock clock;
        private @Nullable TlsSource tls;
        private @Nullable TestControls testControls;
        private @Nullable PostgresUrl database;
        private @Nullable URI blobStore;
        private Duration orphanGrace = StorageConfig.DEFAULT_ORPHAN_GRACE;
        private Duration sweepEvery = StorageConfig.DEFAULT_SWEEP_EVERY;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

        private Builder(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        }

        /** An ephemeral port and no token printed: what tests start with. */
        public Builder forTests() {
            return port(0).printDevToken(false);
        }

        public Builder bindAddress(String value) { bindAddress = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder publicBaseUrl(@Nullable URI value) { publicBaseUrl = value; return this; }
        public Builder signingSecret(@Nullable String value) { signingSecret = value; return this; }
        public Builder rateLimits(RateLimits value) { rateLimits = value; return this; }
        public Builder downloadUrlTtl(Duration value) { downloadUrlTtl = value; return this; }
        public Builder offsetTokenTtl(Duration value) { offsetTokenTtl = value; return this; }
        public Builder idleTimeout(Duration value) { idleTimeout = value; return this; }
        public Builder minRequestDataRate(long bytesPerSecond) { minRequestDataRate = bytesPerSecond; return this; }
        public Builder maxUploadsInFlight(int value) { maxUploadsInFlight = value; return this; }
        public Builder nodeId(@Nullable Integer value) { nodeId = value; return this; }
        public Builder printDevToken(boolean value) { printDevToken = value; return this; }
        public Builder oauthAccessTokenTtl(Duration value) { oauthAccessTokenTtl = value; return this; }
        public Builder clock(Clock value) { clock = value; return this; }
        public Builder tls(@Nullable TlsSource value) { tls = value; return this; }
        /** Turns test controls on; the server then runs on their clock. */
        public Builder testControls(@Nullable TestControls value) { testControls = value; return this; }
        public Builder database(@Nullable PostgresUrl value) { database = value; return this; }
        public Builder blobStore(@Nullable URI value) { blobStore = value; return this; }
        public Builder orphanGrace(Duration value) { orphanGrace = value; return this; }
        public Builder sweepEvery(Duration value) { sweepEvery = value; return this; }
        public Builder shutdownGrace(Duration value) { shutdownGrace = value; return this; }

        /**
         * The config.
         *
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public ServerConfig build() {
            return new ServerConfig(bindAddress, port, dataDir, publicBaseUrl, signingSecret, rateLimits,
                    downloadUrlTtl, offsetTokenTtl, idleTimeout, minRequestDataRate, maxUploadsInFlight, nodeId, printDevToken,
                    oauthAccessTokenTtl, effectiveClock(), tls, testControls, database, blobStore, orphanGrace, sweepEvery,
                    shutdownGrace);
        }

        private Clock effectiveClock() {
            if (clock != null) {
                return clock;
            }
            return testControls != null ? testControls.clock() : Clock.systemUTC();
        }
    }
}
