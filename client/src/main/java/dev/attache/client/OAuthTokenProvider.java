package dev.attache.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TokenProvider} for an OAuth app: it holds the refresh token from the app's code exchange
 * and gets access tokens from the token endpoint ({@code POST /-/oauth_token},
 * {@code grant_type=refresh_token}) when it has none, shortly before the one it has expires, and
 * after the API refused one with 401. Concurrent callers share one refresh: at most one request to
 * the token endpoint is in flight at a time. Thread-safe.
 *
 * <pre>{@code
 * TokenProvider tokens = OAuthTokenProvider.builder()
 *         .tokenEndpoint(URI.create("https://127.0.0.1:8080/-/oauth_token"))
 *         .client(clientId, clientSecret)
 *         .refreshToken(refreshToken)
 *         .build();
 * AttachmentsApi api = AttachmentsApi.builder().baseUri(base).tokenProvider(tokens).build();
 * }</pre>
 */
public final class OAuthTokenProvider implements TokenProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A usable access token and when it stops working. */
    private record Access(String token, Instant expiresAt) {
    }

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http;
    private final Clock clock;
    private final Duration margin;
    private @Nullable String refreshToken;
    private @Nullable Access access;
    private @Nullable CompletableFuture<String> inFlight;

    private OAuthTokenProvider(Builder b) {
        this.tokenEndpoint = Objects.requireNonNull(b.tokenEndpoint);
        this.clientId = Objects.requireNonNull(b.clientId);
        this.clientSecret = Objects.requireNonNull(b.clientSecret);
        this.refreshToken = Objects.requireNonNull(b.refreshToken);
        this.http = b.http != null ? b.http : HttpClient.newHttpClient();
        this.clock = b.clock;
        this.margin = b.margin;
        if (b.accessToken != null) {
            this.access = new Access(b.accessToken, Objects.requireNonNull(b.accessTokenExpiresAt));
        }
    }

    /**
     * A builder; {@code tokenEndpoint}, {@code client} and {@code refreshToken} are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The current access token, or a fresh one when it is missing or expires within the margin.
     *
     * @return completes with the token; fails with {@link AuthenticationException} when the token
     *     endpoint refuses the refresh token, or {@link AsanaTransportException} when it cannot be reached
     */
    @Override
    public synchronized CompletableFuture<String> token() {
        if (access != null && clock.instant().plus(margin).isBefore(access.expiresAt())) {
            return CompletableFuture.completedFuture(access.token());
        }
        return refreshOnce();
    }

    /**
     * A fresh access token after {@code rejected} was refused; when another caller already replaced
     * it, that replacement, without another refresh.
     */
    @Override
    public synchronized CompletableFuture<String> refresh(String rejected) {
        if (access != null && !access.token().equals(rejected)) {
            return CompletableFuture.completedFuture(access.token());
        }
        access = null;
        return refreshOnce();
    }

    private CompletableFuture<String> refreshOnce() {
        if (inFlight == null) {
            CompletableFuture<String> started = http.sendAsync(request(), HttpResponse.BodyHandlers.ofString())
                    .handle(this::accept);
            inFlight = started;
            started.whenComplete((token, failure) -> finished(started));
        }
        return inFlight;
    }

    private synchronized void finished(CompletableFuture<String> refresh) {
        if (inFlight == refresh) {
            inFlight = null;
        }
    }

    private HttpRequest request() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", Objects.requireNonNull(refreshToken));
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(tokenEndpoint).header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String accept(@Nullable HttpResponse<String> response, @Nullable Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof IOException io) {
                throw new AsanaTransportException("POST", tokenEndpoint.getPath(), io);
            }
            throw new CompletionException(cause);
        }
        JsonNode body = parse(Objects.requireNonNull(response));
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            String message = body.path("error").asText("HTTP " + response.statusCode()) + ": "
                    + body.path("error_description").asText("the token endpoint refused the refresh token");
            throw new AuthenticationException(new ErrorResponse("POST", tokenEndpoint.getPath(), response.statusCode(),
                    List.of(new AsanaError(message, null, null)), null));
        }
        Instant expiresAt = clock.instant().plusSeconds(body.path("expires_in").asLong(3600));
        synchronized (this) {
            access = new Access(body.get("access_token").asText(), expiresAt);
            // Servers that rotate refresh tokens send a new one; Asana keeps the first.
            if (body.hasNonNull("refresh_token")) {
                refreshToken = body.get("refresh_token").asText();
            }
            return access.token();
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public String toString() {
        return "OAuthTokenProvider[" + tokenEndpoint + ", clientId=" + clientId + ", tokens=<redacted>]";
    }

    /** Collects an {@link OAuthTokenProvider}'s settings. Not thread-safe. */
    public static final class Builder {
        private @Nullable URI tokenEndpoint;
        private @Nullable String clientId;
        private @Nullable String clientSecret;
        private @Nullable String refreshToken;
        private @Nullable String accessToken;
        private @Nullable Instant accessTokenExpiresAt;
        private @Nullable HttpClient http;
        private Clock clock = Clock.systemUTC();
        private Duration margin = Duration.ofMinutes(1);

        private Builder() {
        }

        /**
         * The token endpoint, such as {@code https://app.asana.com/-/oauth_token}.
         *
         * @param uri an absolute http or https URI
         * @return this builder
         * @throws IllegalArgumentException if not absolute http or https
         */
        public Builder tokenEndpoint(URI uri) {
            String scheme = Objects.requireNonNull(uri, "uri").getScheme();
            if (!uri.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new IllegalArgumentException("tokenEndpoint must be an absolute http or https URI, got " + uri);
            }
            this.tokenEndpoint = uri;
            return this;
        }

        /**
         * The app's credentials, from {@code attache admin app create}.
         *
         * @param clientId the client id
         * @param clientSecret the client secret; never logged
         * @return this builder
         */
        public Builder client(String clientId, String clientSecret) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
            return this;
        }

        /**
         * The refresh token from the code exchange.
         *
         * @param refreshToken the token; never logged
         * @return this builder
         */
        public Builder refreshToken(String refreshToken) {
            this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
            return this;
        }

        /**
         * An access token the app holds already, so the first request needs no refresh.
         *
         * @param accessToken the token; never logged
         * @param expiresAt when it stops working ({@code expires_in} after it was issued)
         * @return this builder
         */
        public Builder accessToken(String accessToken, Instant expiresAt) {
            this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
            this.accessTokenExpiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
            return this;
        }

        /**
         * The client that calls the token endpoint; one that trusts the server's certificate for a
         * private CA. Default: {@link HttpClient#newHttpClient()}.
         *
         * @param http the client
         * @return this builder
         */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        /**
         * Calls the token endpoint trusting only the certificates in a PEM file, as
         * {@link AttachmentsApiBuilder#trustedCertificates(java.nio.file.Path)} does for the API.
         *
         * @param caFile PEM certificates to trust
         * @return this builder
         * @throws java.io.UncheckedIOException if the file cannot be read
         * @throws IllegalArgumentException if it holds no certificate
         */
        public Builder trustedCertificates(java.nio.file.Path caFile) {
            this.http = HttpClient.newBuilder().sslContext(TrustedCertificates.sslContext(caFile)).build();
            return this;
        }

        /**
         * The clock expiry is judged by. Default: the system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long before expiry a token counts as expired, so it is not refused in flight. Default one minute.
         *
         * @param margin zero or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder refreshMargin(Duration margin) {
            if (Objects.requireNonNull(margin, "margin").isNegative()) {
                throw new IllegalArgumentException("refreshMargin must not be negative, got " + margin);
            }
            this.margin = margin;
            return this;
        }

        /**
         * The provider.
         *
         * @return the provider
         * @throws IllegalStateException naming the missing setting
         */
        public OAuthTokenProvider build() {
            if (tokenEndpoint == null) {
                throw new IllegalStateException("tokenEndpoint was not set");
            }
            if (clientId == null) {
                throw new IllegalStateException("client was not set");
            }
            if (refreshToken == null) {
                throw new IllegalStateException("refreshToken was not set");
            }
            return new OAuthTokenProvider(this);
        }
    }
}
