package dev.attache.client.internal;

import dev.attache.client.AsanaApiException;
import dev.attache.client.AsanaTransportException;
import dev.attache.client.ErrorResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Sends API requests: waits for an in-flight slot, attaches the token, applies timeouts, retries
 * by {@link RetryRules}, and turns error responses into typed exceptions. Thread-safe.
 */
public final class ApiTransport {

    private final ClientConfig config;
    private final InFlightLimiter reads;
    private final InFlightLimiter writes;
    private final RetryRules rules;
    private final WireLog wire;
    private final JsonCodec json;

    /**
     * Creates a transport.
     *
     * @param config the settings
     * @param json the codec for error bodies
     */
    public ApiTransport(ClientConfig config, JsonCodec json) {
        this.config = config;
        this.reads = new InFlightLimiter(config.limits().reads());
        this.writes = new InFlightLimiter(config.limits().writes());
        this.rules = new RetryRules(config.retry(), config.jitter());
        this.wire = new WireLog(config.wireLogging());
        this.json = json;
    }

    /**
     * Sends the request, retrying as the policy allows.
     *
     * @param request the call
     * @return completes with the 2xx body, or exceptionally with an
     *     {@link dev.attache.client.AsanaException}
     */
    public CompletableFuture<byte[]> send(ApiRequest request) {
        return attempt(request, 1, config.clock().instant());
    }

    /**
     * The absolute URI for a path and query.
     *
     * @param path below the API base
     * @param query parameters, encoded here
     * @return the URI
     */
    public URI uri(String path, Map<String, String> query) {
        String q = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(config.baseUri() + path + (q.isEmpty() ? "" : "?" + q));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }

    private CompletableFuture<byte[]> attempt(ApiRequest request, int attempt, Instant start) {
        return attempt(request, attempt, start, false);
    }

    private CompletableFuture<byte[]> attempt(ApiRequest request, int attempt, Instant start, boolean refreshed) {
        InFlightLimiter limiter = request.isRead() ? reads : writes;
        String[] sentToken = new String[1];
        return limiter.acquire()
                .thenCompose(permit -> config.tokens().token()
                        .thenCompose(token -> {
                            sentToken[0] = token;
                            return exchange(request, token, attempt);
                        })
                        .whenComplete((o, e) -> permit.release()))
                .thenCompose(outcome -> isUnauthorized(outcome) && !refreshed && request.replayable()
                        ? retryWithRefreshedToken(request, outcome, attempt, start, sentToken[0])
                        : settle(request, outcome, attempt, start));
    }

    private static boolean isUnauthorized(Outcome outcome) {
        return outcome.response() != null && outcome.response().statusCode() == 401;
    }

    private CompletableFuture<byte[]> retryWithRefreshedToken(ApiRequest request, Outcome outcome, int attempt,
            Instant start, String rejected) {
        // A 401 means the server refused before doing anything, so resending is safe for any method.
        return config.tokens().refresh(rejected).thenCompose(fresh -> fresh.equals(rejected)
                ? settle(request, outcome, attempt, start)
                : attempt(request, attempt, start, true));
    }

    private CompletableFuture<Outcome> exchange(ApiRequest request, String token, int attempt) {
        BodyTracker tracker = new BodyTracker(config.clock());
        HttpRequest http = toHttpRequest(request, token, tracker);
        wire.request(http, attempt);
        CompletableFuture<HttpResponse<byte[]>> sent = config.http().sendAsync(http, BodyHandlers.ofByteArray());
        IdleWatchdog dog = request.body() == null ? null : IdleWatchdog.watch(sent, tracker, config.idleTimeout());
        return sent.handle((response, failure) -> {
            if (failure == null) {
                wire.response(http, response);
                return new Outcome(response, null, tracker.bytesRead());
            }
            wire.failure(http, failure);
            return new Outcome(null, asIoException(failure, dog), tracker.bytesRead());
        });
    }

    private HttpRequest toHttpRequest(ApiRequest request, String token, BodyTracker tracker) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(request.path(), request.query()))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        MultipartBody body = request.body();
        if (body == null) {
            // Requests without a body get a response deadline; uploads rely on the idle watchdog
            // so a slow but moving 100 MB upload is never cut off.
            b.timeout(config.responseTimeout());
            return b.method(request.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", body.contentType())
                .expectContinue(config.expectContinue())
                .method(request.method(), body.publisher(tracker))
                .build();
    }

    private IOException asIoException(Throwable failure, @Nullable IdleWatchdog dog) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (dog != null && dog.fired()) {
            return new HttpTimeoutException("upload made no progress for " + config.idleTimeout().toSeconds() + "s");
        }
        if (t instanceof IOException) {
            return (IOException) t;
        }
        if (t instanceof CancellationException) {
            return new IOException("request cancelled", t);
        }
        throw new CompletionException(t);
    }

    private CompletableFuture<byte[]> settle(ApiRequest request, Outcome outcome, int attempt, Instant start) {
        if (outcome.isSuccess()) {
            return CompletableFuture.completedFuture(outcome.response().body());
        }
        Duration retryAfter = outcome.response() == null ? null : RetryAfter.parse(outcome.response(), config.clock());
        Duration elapsed = Duration.between(start, config.clock().instant());
        Optional<Duration> delay = rules.delayBeforeRetry(request, outcome, attempt, elapsed, retryAfter);
        if (delay.isPresent()) {
            return config.sleeper().sleep(delay.get()).thenCompose(v -> attempt(request, attempt + 1, start));
        }
        return CompletableFuture.failedFuture(toException(request, outcome, retryAfter));
    }

    private RuntimeException toException(ApiRequest request, Outcome outcome, @Nullable Duration retryAfter) {
        HttpResponse<byte[]> response = outcome.response();
        if (response == null) {
            return new AsanaTransportException(request.method(), request.path(), outcome.failure());
        }
        return AsanaApiException.of(new ErrorResponse(request.method(), request.path(), response.statusCode(),
                json.readErrors(response.body()), retryAfter));
    }
}
