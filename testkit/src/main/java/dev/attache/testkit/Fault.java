package dev.attache.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * What a pending fault does to a request it meets, as {@link Faults#pending()} reports it. Values;
 * {@link Faults} makes them.
 */
public sealed interface Fault {

    /**
     * Answers with an error status in Asana's error envelope instead of handling the request.
     *
     * @param status     4xx or 5xx
     * @param retryAfter the {@code Retry-After} it sends, or zero for none
     */
    record Status(int status, Duration retryAfter) implements Fault {
        /** Checks the values. */
        public Status {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * Holds the request, then handles it as usual.
     *
     * @param duration how long
     */
    record Delay(Duration duration) implements Fault {
        /** Checks the values. */
        public Delay {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * Closes the connection once the request body has delivered at least {@code afterBytes}.
     *
     * @param afterBytes bytes of the body read before the cut
     */
    record CutRequestBody(long afterBytes) implements Fault {
    }

    /**
     * Sends the status, the headers and the first {@code afterBytes} of the response body, then closes
     * the connection.
     *
     * @param afterBytes bytes of the body sent before the cut
     */
    record CutResponseBody(long afterBytes) implements Fault {
    }
}
