package dev.attache.client.internal;

import dev.attache.client.AsanaApiException;
import dev.attache.client.AsanaTransportException;
import dev.attache.client.CallInfo;
import dev.attache.client.CallListener;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Sends API requests: waits for an in-flight slot, attaches the token, applies timeouts, retries
 * by {@link RetryRules}, and turns error responses into typed exceptions. Completing the returned
 * future from outside (cancel, timeout, close) aborts the exchange, frees the slot and stops
 * retrying. Thread-safe.
 */
public final class ApiTransport {

    /** The response header that names the request on the server. */
    public static final String REQUEST_ID = "X-Request-Id";

    private final ClientConfig config;
    private final InFlightLimiter reads;
    private final InFlightLimiter writes;
    private final RetryRules rules;
    private final WireLog wire;
    private final JsonCodec json;
    private final SingleFlightRefresh refresher;
    private final CallListener listener;
    private final String base;

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
        this.refresher = new SingleFlightRefresh(config.tokens());
        this.listener = new SafeListener(config.listener());
        this.base = config.baseUri().toString();
    }

    /**
     * Sends the request, retrying as the policy allows, and decodes the 2xx body.
     *
     * @param request the call
     * @param decode turns the 2xx body into the result, on the thread that received it
     * @param <T> the result type
     * @return completes with the decoded body, or exceptionally with an
     *     {@link dev.attache.client.AsanaException}; cancelling it cancels the call
     */
    public <T> CompletableFuture<T> send(ApiRequest request, Function<byte[], T> decode) {
        return send(request, decode, null);
    }

    /**
     * Like {@link #send(ApiRequest, Function)}, for a call that must end within {@code deadline}:
     * a retry whose wait would outlast it is not waited for, and the call fails at once with the
     * error that asked for the wait (a 429's {@link dev.attache.client.RateLimitedException}, with
     * its {@code retryAfter()}), which tells the caller more than a timeout would.
     *
     * @param request the call
     * @param decode turns the 2xx body into the result, on the thread that received it
     * @param deadline the time the call has from now, or null for none
     * @param <T> the result type
     * @return completes as {@link #send(ApiRequest, Function)} does
     */
    public <T> CompletableFuture<T> send(ApiRequest request, Function<byte[], T> decode,
            @Nullable Duration deadline) {
        Call<T> call = new Call<>();
        CallInfo info = new CallInfo(request.method(), request.path());
        Instant start = config.clock().instant();
        listener.callStart(info);
        call.result.whenComplete((v, failure) -> listener.callEnd(info,
                Duration.between(start, config.clock().instant()), unwrap(failure)));
        if (config.runtime().track(call.result)) {
            attempt(new Flight<>(call, request, decode, info, start, deadline == null ? null : start.plus(deadline)),
                    1, false);
        }
        return call.result;
    }

    /** One call in progress: what never changes between its attempts. */
    private record Flight<T>(Call<T> call, ApiRequest request, Function<byte[], T> decode, CallInfo info,
            Instant start, @Nullable Instant deadline) {
    }

    /**
     * The absolute URI for a path and query.
     *
     * @param path below the API base
     * @param query parameters, encoded here
     * @return the URI
     */
    public URI uri(String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(base).append(path);
        char separator = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            uri.append(separator).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
    }

    private <T> void attempt(Flight<T> f, int attempt, boolean refreshed) {
        if (f.call().isOver()) {
            return;
        }
        InFlightLimiter limiter = f.request().isRead() ? reads : writes;
        CompletableFuture<InFlightLimiter.Permit> ticket = limiter.acquire();
        f.call().stage(() -> {
            if (!ticket.cancel(false)) {
                ticket.thenAccept(InFlightLimiter.Permit::release);
            }
        });
        ticket.thenAccept(permit -> {
            if (f.call().isOver()) {
                permit.release();
                return;
            }
            config.tokens().token().whenComplete((token, failure) -> {
                if (failure != null) {
                    permit.release();
                    f.call().result.completeExceptionally(unwrap(failure));
                } else {
                    exchange(f, attempt, refreshed, permit, token);
                }
            });
        });
    }

    private <T> void exchange(Flight<T> f, int attempt, boolean refreshed, InFlightLimiter.Permit permit,
            String token) {
        if (f.call().isOver()) {
            permit.release();
            return;
        }
        BodyTracker tracker = new BodyTracker(config.clock());
        HttpRequest http = toHttpRequest(f.request(), token, tracker);
        wire.request(http, attempt);
        CompletableFuture<HttpResponse<byte[]>> sent = config.runtime().exchange(http, BodyHandlers.ofByteArray());
        // Aborting frees the slot at once rather than when the interrupted exchange winds down.
        f.call().stage(() -> {
            sent.cancel(true);
            permit.release();
        });
        IdleWatchdog dog = f.request().body() == null ? null
                : IdleWatchdog.watch(config.runtime(), sent, tracker, config.idleTimeout());
        sent.whenComplete((response, failure) -> {
            permit.release();
            if (f.call().isOver()) {
                return;
            }
            Outcome outcome;
            if (failure == null) {
                wire.response(http, response);
                outcome = new Outcome(response, null, tracker.bytesRead());
            } else {
                wire.failure(http, failure);
                IOException io = asIoException(failure, dog);
                if (io == null) {
                    f.call().result.completeExceptionally(unwrap(failure));
                    return;
                }
                outcome = new Outcome(null, io, tracker.bytesRead());
            }
            listener.attemptEnd(f.info(), attempt, response == null ? -1 : response.statusCode(),
                    tracker.bytesRead(), response == null ? 0 : response.body().length,
                    response == null ? null : requestId(response));
            if (isUnauthorized(outcome) && !refreshed && f.request().replayable()) {
                retryWithRefreshedToken(f, outcome, attempt, token);
            } else {
                settle(f, outcome, attempt);
            }
        });
    }

    private static boolean isUnauthorized(Outcome outcome) {
        return outcome.response() != null && outcome.response().statusCode() == 401;
    }

    private <T> void retryWithRefreshedToken(Flight<T> f, Outcome outcome, int attempt, String rejected) {
        // A 401 means the server refused before doing anything, so resending is safe for any method.
        refresher.refresh(rejected).whenComplete((fresh, failure) -> {
            if (failure != null) {
                f.call().result.completeExceptionally(unwrap(failure));
            } else if (fresh.equals(rejected)) {
                settle(f, outcome, attempt);
            } else {
                attempt(f, attempt, true);
            }
        });
    }

    private HttpRequest toHttpRequest(ApiRequest request, String token, BodyTracker tracker) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(request.path(), request.query()))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("User-Agent", config.identity().userAgent())
                .header("X-Asana-Client-Lib", config.identity().clientLib());
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

    /** The failure as a network failure to retry or report, or null when it is not one. */
    private @Nullable IOException asIoException(Throwable failure, @Nullable IdleWatchdog dog) {
        Throwable t = unwrap(failure);
        if (dog != null && dog.fired()) {
            return new HttpTimeoutException("upload made no progress for " + config.idleTimeout().toSeconds() + "s");
        }
        if (t instanceof IOException) {
            return (IOException) t;
        }
        return null;
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private <T> void settle(Flight<T> f, Outcome outcome, int attempt) {
        if (outcome.isSuccess()) {
            T value;
            try {
                value = f.decode().apply(outcome.response().body());
            } catch (RuntimeException e) {
                f.call().result.completeExceptionally(e);
                return;
            }
            f.call().result.complete(value);
            return;
        }
        HttpResponse<byte[]> response = outcome.response();
        Duration retryAfter = response == null ? null : RetryAfter.parse(response, config.clock());
        Duration elapsed = Duration.between(f.start(), config.clock().instant());
        Optional<Duration> delay = rules.delayBeforeRetry(f.request(), outcome, attempt, elapsed, retryAfter);
        if (delay.isEmpty() || outlastsDeadline(f, delay.get())) {
            f.call().result.completeExceptionally(toException(f.request(), outcome, retryAfter));
            return;
        }
        listener.retry(f.info(), attempt + 1, delay.get());
        f.call().after(config.sleeper().sleep(delay.get()), () -> attempt(f, attempt + 1, false));
    }

    /** Waiting that long would end past the call's deadline, which would then fail it with a bare timeout. */
    private boolean outlastsDeadline(Flight<?> f, Duration delay) {
        return f.deadline() != null && config.clock().instant().plus(delay).isAfter(f.deadline());
    }

    /**
     * The server's name for the request, from {@code X-Request-Id}.
     *
     * @param response the response
     * @return the id, or null when absent
     */
    static @Nullable String requestId(HttpResponse<?> response) {
        return response.headers().firstValue(REQUEST_ID).orElse(null);
    }

    private RuntimeException toException(ApiRequest request, Outcome outcome, @Nullable Duration retryAfter) {
        HttpResponse<byte[]> response = outcome.response();
        if (response == null) {
            return new AsanaTransportException(request.method(), request.path(), outcome.failure());
        }
        return AsanaApiException.of(new ErrorResponse(request.method(), request.path(), response.statusCode(),
                json.readErrors(response.body()), retryAfter, requestId(response)));
    }
}
