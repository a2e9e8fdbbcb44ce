package dev.attache.client.internal;

import dev.attache.client.CallInfo;
import dev.attache.client.CallListener;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Passes events to the user's listener; whatever it throws is dropped, so a call never fails for it. */
final class SafeListener implements CallListener {

    private final CallListener delegate;

    SafeListener(CallListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void callStart(CallInfo call) {
        try {
            delegate.callStart(call);
        } catch (RuntimeException ignored) {
            // A listener bug must not fail the call.
        }
    }

    @Override
    public void attemptEnd(CallInfo call, int attempt, int status, long bytesSent, long bytesReceived,
            @Nullable String requestId) {
        try {
            delegate.attemptEnd(call, attempt, status, bytesSent, bytesReceived, requestId);
        } catch (RuntimeException ignored) {
            // A listener bug must not fail the call.
        }
    }

    @Override
    public void retry(CallInfo call, int nextAttempt, Duration delay) {
        try {
            delegate.retry(call, nextAttempt, delay);
        } catch (RuntimeException ignored) {
            // A listener bug must not fail the call.
        }
    }

    @Override
    public void callEnd(CallInfo call, Duration elapsed, @Nullable Throwable failure) {
        try {
            delegate.callEnd(call, elapsed, failure);
        } catch (RuntimeException ignored) {
            // A listener bug must not fail the call.
        }
    }
}
