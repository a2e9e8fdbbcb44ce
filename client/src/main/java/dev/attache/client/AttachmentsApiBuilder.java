package dev.attache.client;

import dev.attache.client.internal.ApiTransport;
import dev.attache.client.internal.ClientConfig;
import dev.attache.client.internal.ClientIdentity;
import dev.attache.client.internal.ClientRuntime;
import dev.attache.client.internal.Downloader;
import dev.attache.client.internal.JsonCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link AttachmentsApi}. Only a token is required; the base URI defaults to
 * Asana's, {@value #ASANA_API}. Each setter checks its argument at once; {@link #build()} checks
 * that settings agree. Not thread-safe; build once and share the result.
 */
public final class AttachmentsApiBuilder {

    /** Asana's API base, the default {@link #baseUri}. */
    public static final String ASANA_API = "https://app.asana.com/api/1.0";

    private URI baseUri = URI.create(ASANA_API);
    private @Nullable TokenProvider tokens;
    private @Nullable HttpClient httpClient;
    private @Nullable Executor executor;
    private @Nullable SSLContext trusted;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(60);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private RetryPolicy retry = RetryPolicy.defaults();
    private ConcurrencyLimits limits = ConcurrencyLimits.asanaDefaults();
    private Clock clock = Clock.systemUTC();
    private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    private @Nullable Sleeper sleeper;
    private CallListener listener = CallListener.none();
    private boolean wireLogging;
    private boolean expectContinue;
    private boolean connectTimeoutSet;

    AttachmentsApiBuilder() {
    }

    /**
     * The API base; default {@value #ASANA_API}. For an Attaché server, for example
     * {@code http://127.0.0.1:8080/api/1.0}. A trailing slash is ignored.
     *
     * @param baseUri an absolute http or https URI
     * @return this builder
     * @throws IllegalArgumentException if not absolute http or https
     */
    public AttachmentsApiBuilder baseUri(URI baseUri) {
        String scheme = Objects.requireNonNull(baseUri, "baseUri").getScheme();
        if (!baseUri.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("baseUri must be an absolute http or https URI, got " + baseUri);
        }
        String text = baseUri.toString();
        this.baseUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        return this;
    }

    /**
     * A fixed bearer token, such as a personal access token.
     *
     * @param token the token; never logged
     * @return this builder
     * @throws IllegalArgumentException if blank or containing a line break
     */
    public AttachmentsApiBuilder token(String token) {
        return tokenProvider(TokenProvider.of(token));
    }

    /**
     * Supplies a token per attempt, for OAuth tokens that are refreshed.
     *
     * @param provider the provider
     * @return this builder
     */
    public AttachmentsApiBuilder tokenProvider(TokenProvider provider) {
        this.tokens = Objects.requireNonNull(provider, "provider");
        return this;
    }

    /**
     * Uses the caller's HTTP client instead of building one. Its own connect timeout, executor,
     * redirect and proxy settings apply; {@link #connectTimeout} and {@link #executor} cannot be
     * set too. {@link AttachmentsApi#close()} leaves it running; closing it is the caller's job.
     *
     * @param client the client
     * @return this builder
     */
    public AttachmentsApiBuilder httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client, "client");
        return this;
    }

    /**
     * The executor the built HTTP client runs its internal I/O tasks on, instead of the client's own
     * worker pool. {@link AttachmentsApi#close()} does not shut it down. Calls themselves run on the
     * client's own workers, each blocking in {@code HttpClient.send}, never on this executor, so a
     * small executor here cannot be starved by them.
     *
     * @param executor the executor
     * @return this builder
     */
    public AttachmentsApiBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * How long to wait for a connection; default 10 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public AttachmentsApiBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        this.connectTimeoutSet = true;
        return this;
    }

    /**
     * How long a request without a body (GET, DELETE) waits for its response; default 60 s.
     * Uploads and downloads use {@link #idleTimeout} instead, so a large slow transfer that is
     * still moving is never cut off.
     *
     * @param timeout positive
     * @return this builder
     */
    public AttachmentsApiBuilder responseTimeout(Duration timeout) {
        this.responseTimeout = positive(timeout, "responseTimeout");
        return this;
    }

    /**
     * How long an upload or download may make no progress (no byte sent or received, or no
     * response after the last byte) before it fails with a timeout; default 60 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public AttachmentsApiBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = positive(timeout, "idleTimeout");
        return this;
    }

    /**
     * When to retry; default {@link RetryPolicy#defaults()}.
     *
     * @param policy the policy; {@link RetryPolicy#none()} disables retries
     * @return this builder
     */
    public AttachmentsApiBuilder retry(RetryPolicy policy) {
        this.retry = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * How many requests may be in flight at once; default {@link ConcurrencyLimits#asanaDefaults()}.
     *
     * @param limits the limits
     * @return this builder
     */
    public AttachmentsApiBuilder limits(ConcurrencyLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /**
     * The clock for retry budgets, deadlines, idle detection and HTTP-date {@code Retry-After}.
     * Package-private: a seam for this package's tests, not a setting.
     *
     * @param clock the clock
     * @return this builder
     */
    AttachmentsApiBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * What waits between retries; default a timer thread the client owns, which
     * {@link AttachmentsApi#close()} ends. A wait is cancelled (its future cancelled) when its call
     * is.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public AttachmentsApiBuilder sleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        return this;
    }

    /**
     * The random source for backoff jitter, returning values in [0, 1). Package-private: a seam for
     * this package's tests, not a setting.
     *
     * @param jitter the source
     * @return this builder
     */
    AttachmentsApiBuilder jitter(DoubleSupplier jitter) {
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        return this;
    }

    /**
     * Hears every call's start, bytes, retries and end, for metrics and logs; default none.
     *
     * @param listener the listener
     * @return this builder
     */
    public AttachmentsApiBuilder listener(CallListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Logs every request and response line with headers at {@code DEBUG} on the
     * {@code System.Logger} named {@code dev.attache.client.wire}; {@code Authorization} is
     * redacted. Off by default.
     *
     * @param enabled whether to log
     * @return this builder
     */
    public AttachmentsApiBuilder wireLogging(boolean enabled) {
        this.wireLogging = enabled;
        return this;
    }

    /**
     * Whether uploads send {@code Expect: 100-continue} and wait for the server's go-ahead before
     * the body, so an upload reset before the go-ahead is known to have sent nothing and can be
     * retried. Off by default: Java 17's {@code HttpClient} does not notice a server that refuses
     * with a final status (401, 413, 429) instead of {@code 100 Continue}, and waits until the
     * {@linkplain #idleTimeout idle timeout}. Turn it on only on a newer JDK or behind servers that
     * always send {@code 100 Continue}.
     *
     * @param enabled whether to ask first
     * @return this builder
     */
    public AttachmentsApiBuilder expectContinue(boolean enabled) {
        this.expectContinue = enabled;
        return this;
    }

    /**
     * Trusts only the certificates in a PEM file, instead of the JDK's default trust store: for a
     * server with a self-signed or private-CA certificate, such as {@code attache serve --tls-self-signed}
     * (trust {@code <data dir>/tls/self-signed.pem}). The file is read at once.
     *
     * @param caFile PEM certificates of the CAs (or the self-signed certificate) to trust
     * @return this builder
     * @throws java.io.UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it holds no certificate
     */
    public AttachmentsApiBuilder trustedCertificates(Path caFile) {
        this.trusted = TrustedCertificates.sslContext(Objects.requireNonNull(caFile, "caFile"));
        return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException if the token is missing, or {@code httpClient} was combined
     *     with {@code connectTimeout}, {@code executor} or {@code trustedCertificates}
     */
    public AttachmentsApi build() {
        if (tokens == null) {
            throw new IllegalStateException("token was not set (call token or tokenProvider)");
        }
        if (httpClient != null && (connectTimeoutSet || executor != null)) {
            throw new IllegalStateException("httpClient was set, so connectTimeout and executor belong on it");
        }
        if (httpClient != null && trusted != null) {
            throw new IllegalStateException("httpClient was set, so trustedCertificates belongs on it (HttpClient.Builder.sslContext)");
        }
        HttpClient.Builder newClient = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (trusted != null) {
            newClient.sslContext(trusted);
        }
        ClientRuntime runtime = ClientRuntime.create(httpClient, executor, newClient);
        ClientConfig config = new ClientConfig(baseUri, tokens, runtime, responseTimeout, idleTimeout, retry, limits,
                clock, sleeper != null ? sleeper : runtime::sleep, jitter, wireLogging, expectContinue, listener,
                ClientIdentity.current());
        JsonCodec json = new JsonCodec();
        return new AttachmentsApi(new ApiTransport(config, json), json, new Downloader(config, json), runtime, null);
    }

    private static Duration positive(Duration d, String name) {
        if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
