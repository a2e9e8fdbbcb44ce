package dev.attache.client.internal;

import dev.attache.client.AsanaApiException;
import dev.attache.client.AsanaTransportException;
import dev.attache.client.CallInfo;
import dev.attache.client.CallListener;
import dev.attache.client.ErrorResponse;
import dev.attache.client.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Streams a signed {@code download_url} into a sink. Sends no {@code Authorization} header: the
 * URL is signed and may live on another host (S3), which must never see the bearer token.
 * Resumes with {@code Range} after a dropped connection, as {@link RetryRules} allows (attempts,
 * jittered backoff, time budget) and the call's deadline leaves time for, and checks the final length. Completing the returned future from
 * outside aborts the transfer and stops resuming; the sink keeps what it has. Thread-safe.
 */
public final class Downloader {

    private final ClientConfig config;
    private final JsonCodec json;
    private final RetryRules rules;
    private final CallListener listener;

    /**
     * Creates a downloader.
     *
     * @param config the settings (HTTP client, retry policy, sleeper)
     * @param json reads error bodies
     */
    public Downloader(ClientConfig config, JsonCodec json) {
        this.config = config;
        this.json = json;
        this.rules = new RetryRules(config.retry(), config.jitter());
        this.listener = new SafeListener(config.listener());
    }

    /** What one response turned into: bytes written, or an error body. */
    private record Result(int status, @Nullable byte[] errorBody) {
    }

    /**
     * When a call given {@code deadline} now must end, by the clock the downloader checks it with.
     *
     * @param deadline the time the call has from now
     * @return the instant it runs out
     */
    public Instant due(Duration deadline) {
        return config.clock().instant().plus(deadline);
    }

    /**
     * Downloads {@code url} into {@code sink}, which already holds the first {@code have} bytes:
     * asks only for the rest with {@code Range}.
     *
     * @param url the signed URL
     * @param expectedSize the size the API reported, or -1
     * @param sink where the remaining bytes go
     * @param progress hears the bytes the sink holds, counting the {@code have} already there
     * @param have bytes the sink already holds
     * @param due when the call's deadline runs out ({@link #due}), or null for none: a resume whose
     *     backoff would end past it is not waited for, and the download fails at once with the
     *     network failure, as other calls do
     * @return completes with the sink's total byte count, or exceptionally with an
     *     {@link AsanaApiException} (error status), {@link AsanaTransportException} (network, resumes
     *     exhausted, wrong length) or {@link UncheckedIOException} (the sink failed)
     */
    public CompletableFuture<Long> download(URI url, long expectedSize, ByteSink sink, ProgressListener progress,
            long have, @Nullable Instant due) {
        if (have < 0) {
            throw new IllegalArgumentException("have must not be negative, got " + have);
        }
        return start(url, expectedSize, sink, progress, have, due);
    }

    private record Transfer(Call<Long> call, CallInfo info, Instant start, @Nullable Instant due, URI url,
            long expectedSize, ByteSink sink, ProgressListener progress, AtomicLong written) {
    }

    private CompletableFuture<Long> start(URI url, long expectedSize, ByteSink sink, ProgressListener progress,
            long have, @Nullable Instant due) {
        Call<Long> call = new Call<>();
        // The path only: the query holds the URL's signature.
        CallInfo info = new CallInfo("GET", url.getPath());
        Instant start = config.clock().instant();
        listener.callStart(info);
        call.result.whenComplete((n, failure) -> listener.callEnd(info,
                Duration.between(start, config.clock().instant()), failure));
        if (config.runtime().track(call.result)) {
            attempt(new Transfer(call, info, start, due, url, expectedSize, sink, progress, new AtomicLong(have)), 1);
        }
        return call.result;
    }

    private void attempt(Transfer t, int attempt) {
        if (t.call().isOver()) {
            return;
        }
        BodyTracker tracker = new BodyTracker(config.clock());
        long from = t.written().get();
        HttpRequest.Builder request = HttpRequest.newBuilder(t.url()).GET()
                .header("User-Agent", config.identity().userAgent());
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-");
        }
        CompletableFuture<HttpResponse<Result>> sent =
                config.runtime().exchange(request.build(), info -> handler(info, t, from, tracker));
        t.call().stage(() -> sent.cancel(true));
        IdleWatchdog dog = IdleWatchdog.watch(config.runtime(), sent, tracker, config.idleTimeout());
        sent.whenComplete((response, failure) -> {
            if (t.call().isOver()) {
                return;
            }
            listener.attemptEnd(t.info(), attempt, response == null ? -1 : response.statusCode(), 0,
                    t.written().get() - from, response == null ? null : ApiTransport.requestId(response));
            if (failure == null) {
                finish(t, response.body(), response, attempt);
            } else {
                retryOrFail(t, unwrap(failure, dog), attempt);
            }
        });
    }

    private BodySubscriber<Result> handler(ResponseInfo info, Transfer t, long from, BodyTracker tracker) {
        int status = info.statusCode();
        boolean resumedHere = status == 206 && contentRangeStart(info) == from;
        if (status == 200 || resumedHere) {
            // A 200 to a Range request repeats the whole file: skip what we already have.
            long skip = status == 200 ? from : 0;
            long total = t.expectedSize();
            ProgressListener p = (bytes, all) -> {
                tracker.touch();
                t.progress().onProgress(bytes, all);
            };
            return BodySubscribers.mapping(new SinkSubscriber(t.sink(), skip, t.written(), p, total),
                    n -> new Result(status, null));
        }
        return BodySubscribers.mapping(BodySubscribers.ofByteArray(), body -> new Result(status, body));
    }

    private static long contentRangeStart(ResponseInfo info) {
        // Content-Range: bytes <start>-<end>/<total>
        String range = info.headers().firstValue("Content-Range").orElse("");
        int space = range.indexOf(' ');
        int dash = range.indexOf('-');
        try {
            return Long.parseLong(range.substring(space + 1, dash));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void finish(Transfer t, Result result, HttpResponse<?> response, int attempt) {
        if (result.errorBody() != null) {
            t.call().result.completeExceptionally(AsanaApiException.of(new ErrorResponse("GET", t.url().getPath(),
                    result.status(), json.readErrors(result.errorBody()), RetryAfter.parse(response, config.clock()),
                    ApiTransport.requestId(response))));
            return;
        }
        long written = t.written().get();
        if (t.expectedSize() >= 0 && written != t.expectedSize()) {
            retryOrFail(t, new IOException("download ended after " + written + " of "
                    + t.expectedSize() + " bytes"), attempt);
            return;
        }
        t.call().result.complete(written);
    }

    /** Resumes after a network failure when {@link RetryRules} allows, the same rules every call obeys. */
    private void retryOrFail(Transfer t, Throwable failure, int attempt) {
        if (failure instanceof SinkSubscriber.LocalWriteException) {
            t.call().result.completeExceptionally(new UncheckedIOException((IOException) failure.getCause()));
            return;
        }
        if (!(failure instanceof IOException)) {
            t.call().result.completeExceptionally(failure);
            return;
        }
        IOException io = (IOException) failure;
        boolean overrun = t.expectedSize() >= 0 && t.written().get() > t.expectedSize();
        Duration elapsed = Duration.between(t.start(), config.clock().instant());
        Optional<Duration> delay = overrun ? Optional.empty()
                : rules.delayBeforeRetry(new ApiRequest("GET", t.url().getPath(), Map.of(), null, true),
                        new Outcome(null, io, 0), attempt, elapsed, null);
        if (delay.isEmpty() || outlastsDeadline(t, delay.get())) {
            t.call().result.completeExceptionally(new AsanaTransportException("GET", t.url().getPath(), io));
            return;
        }
        listener.retry(t.info(), attempt + 1, delay.get());
        t.call().after(config.sleeper().sleep(delay.get()), () -> attempt(t, attempt + 1));
    }

    /** Waiting that long would end past the call's deadline, which would then fail it with a bare timeout. */
    private boolean outlastsDeadline(Transfer t, Duration delay) {
        return t.due() != null && config.clock().instant().plus(delay).isAfter(t.due());
    }

    private Throwable unwrap(Throwable failure, IdleWatchdog dog) {
        if (dog.fired()) {
            return new HttpTimeoutException("download made no progress for "
                    + config.idleTimeout().toSeconds() + "s");
        }
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof IOException && t.getCause() instanceof SinkSubscriber.LocalWriteException) {
            return t.getCause();
        }
        return t;
    }
}
