package dev.attache.server.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * One way a request can go wrong on purpose. Values; build them with the static factories.
 */
public sealed interface Fault {

    /**
     * Answers with a status in Asana's error envelope instead of handling the request.
     *
     * @param status            4xx or 5xx
     * @param retryAfterSeconds value of {@code Retry-After}, or 0 for none
     */
    record Respond(int status, long retryAfterSeconds) implements Fault {
        public Respond {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be 400..599 but was " + status);
            }
            if (retryAfterSeconds < 0) {
                throw new IllegalArgumentException("retryAfterSeconds must not be negative but was " + retryAfterSeconds);
            }
        }
    }

    /** Holds the request for a while, then handles it as usual. */
    record Delay(Duration duration) implements Fault {
        public Delay {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("duration must not be negative but was " + duration);
            }
        }
    }

    /** Closes the connection once the request body has delivered at least {@code afterBytes}. */
    record CutRequest(long afterBytes) implements Fault {
        public CutRequest {
            requireNotNegative(afterBytes);
        }
    }

    /** Sends the first {@code afterBytes} of the response body, then closes the connection. */
    record CutResponse(long afterBytes) implements Fault {
        public CutResponse {
            requireNotNegative(afterBytes);
        }
    }

    /** 429 with {@code Retry-After}, as Asana's rate limiter answers. */
    static Fault rateLimited(Duration retryAfter) {
        return new Respond(429, Math.max(1, retryAfter.toSeconds()));
    }

    /** 500 with an incident phrase, as Asana answers an internal failure. */
    static Fault serverError() {
        return new Respond(500, 0);
    }

    /** 503, as a gateway answers while Asana is down. */
    static Fault unavailable() {
        return new Respond(503, 0);
    }

    /** Any error status, without {@code Retry-After}. */
    static Fault status(int status) {
        return new Respond(status, 0);
    }

    static Fault delay(Duration duration) {
        return new Delay(duration);
    }

    static Fault cutRequestAfter(long bytes) {
        return new CutRequest(bytes);
    }

    static Fault cutResponseAfter(long bytes) {
        return new CutResponse(bytes);
    }

    private static void requireNotNegative(long afterBytes) {
        if (afterBytes < 0) {
            throw new IllegalArgumentException("afterBytes must not be negative but was " + afterBytes);
        }
    }
}
