package dev.attache.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long to wait before retrying a failed request.
 *
 * <p>A request is retried only while fewer than {@code maxAttempts} attempts were made and the
 * next attempt would start within {@code maxElapsed} of the first, and only in these cases:
 * <ul>
 *   <li><b>429</b>: after the {@code Retry-After} delay (or the backoff when absent). Safe for
 *       every method, since the server refused the request without doing it.
 *   <li><b>500, 502, 503, 504</b>: GET and DELETE only. A POST is never retried, because the
 *       server may have created the attachment already.
 *   <li><b>Connection failures and timeouts</b> ({@link AsanaTransportException}): GET and
 *       DELETE always; a POST only when not a single byte of its body was handed to the
 *       connection, such as a refused connection (or, with
 *       {@link AttachmentsApiBuilder#expectContinue}, one reset before the server asked for the
 *       body).
 *   <li>Never when the upload is not {@link Upload#replayable() replayable}.
 * </ul>
 * <p>The backoff doubles from {@code initialBackoff} up to {@code maxBackoff}, and each wait is
 * picked at random between half and all of it ("equal jitter"), so clients do not retry in step.
 * Other statuses, such as 400, 401, 403, 404 and 413, are never retried.
 *
 * @param maxAttempts the most attempts, including the first; 1 disables retries
 * @param initialBackoff the first backoff
 * @param maxBackoff the cap on a backoff
 * @param maxElapsed the most time from the first attempt to the start of the last one
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {

    /**
     * Checks the components.
     *
     * @param maxAttempts the most attempts, including the first; 1 disables retries
     * @param initialBackoff the first backoff
     * @param maxBackoff the cap on a backoff
     * @param maxElapsed the most time from the first attempt to the start of the last one
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1 or a duration is
     *     negative
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        requireNonNegative(initialBackoff, "initialBackoff");
        requireNonNegative(maxBackoff, "maxBackoff");
        requireNonNegative(maxElapsed, "maxElapsed");
    }

    private static void requireNonNegative(Duration d, String name) {
        if (Objects.requireNonNull(d, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }

    /**
     * Five attempts, backoff from 500 ms to 30 s, within 2 minutes.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    /**
     * One attempt only.
     *
     * @return a policy that never retries
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The backoff before attempt {@code attempt + 1}, before jitter.
     *
     * @param attempt the attempt that just failed, from 1
     * @return {@code min(maxBackoff, initialBackoff * 2^(attempt-1))}
     */
    public Duration backoff(int attempt) {
        int shift = Math.min(attempt - 1, 30);
        Duration d = initialBackoff.multipliedBy(1L << shift);
        return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
    }
}
