package dev.attache.client;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Hears every call the client makes, to feed metrics or logs: when it starts, the bytes each
 * attempt moved, each retry, and how it ended. Called on the client's threads, possibly from
 * several calls at once; keep it quick, do not block, and be thread-safe. An exception thrown
 * here is ignored and never affects the call.
 *
 * <p>Downloads report their metadata request and the transfer as two calls; the transfer's path is
 * the download URL's path, without its signed query.
 */
public interface CallListener {

    /**
     * A call is starting (before it waits for an in-flight slot).
     *
     * @param call which call
     */
    default void callStart(CallInfo call) {
    }

    /**
     * An attempt ended with a response or a failure.
     *
     * @param call which call
     * @param attempt the attempt number, from 1
     * @param status the HTTP status, or -1 when no response arrived
     * @param bytesSent request body bytes handed to the connection
     * @param bytesReceived response body bytes received
     * @param requestId the server's {@code X-Request-Id}, when it sent one
     */
    default void attemptEnd(CallInfo call, int attempt, int status, long bytesSent, long bytesReceived,
            @Nullable String requestId) {
    }

    /**
     * The call will be tried again after {@code delay}; heard before the wait starts, so a long
     * wait (a 429's {@code Retry-After}) is never silent.
     *
     * @param call which call
     * @param nextAttempt the attempt about to be waited for, from 2
     * @param delay the wait before it
     */
    default void retry(CallInfo call, int nextAttempt, Duration delay) {
    }

    /**
     * The call is over: succeeded, failed, was cancelled or ran out of time.
     *
     * @param call which call
     * @param elapsed time since {@link #callStart}
     * @param failure null on success; the {@link AsanaException}, a
     *     {@link java.util.concurrent.CancellationException} or another failure otherwise
     */
    default void callEnd(CallInfo call, Duration elapsed, @Nullable Throwable failure) {
    }

    /**
     * A listener that ignores everything.
     *
     * @return the listener
     */
    static CallListener none() {
        return new CallListener() { };
    }
}
