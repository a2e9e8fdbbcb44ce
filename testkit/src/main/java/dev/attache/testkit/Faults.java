package dev.attache.testkit;

import java.time.Duration;
import java.util.List;

import dev.attache.server.faults.Fault;
import dev.attache.server.faults.FaultPlan;

/**
 * Makes the server misbehave on purpose, for the next few requests that match a route. A route is a
 * method and a path as Asana documents it, relative to {@code /api/1.0}: {@code "POST /attachments"},
 * {@code "GET /attachments/{attachment_gid}"}; without a method it matches any. Download URLs are
 * {@code "GET /download/{attachment_gid}"}. Rules apply in the order they were added, each to at most
 * {@code times} requests. {@link AttacheExtension} clears them after every test. Thread-safe.
 *
 * <pre>{@code
 * server.faults().rateLimit("POST /attachments", 2, Duration.ofSeconds(1));   // 429, Retry-After: 1, twice
 * server.faults().cutRequestBody("POST /attachments", 1, 64 * 1024);          // connection cut mid-upload
 * }</pre>
 */
public final class Faults {

    private final FaultPlan plan;

    Faults(FaultPlan plan) {
        this.plan = plan;
    }

    /** 429 with {@code Retry-After} (whole seconds, at least 1) and Asana's rate-limit message. */
    public Faults rateLimit(String route, int times, Duration retryAfter) {
        return add(route, times, Fault.rateLimited(retryAfter));
    }

    /** 500 with Asana's {@code Server Error} message and an incident {@code phrase}. */
    public Faults serverError(String route, int times) {
        return add(route, times, Fault.serverError());
    }

    /** 503 Service Unavailable. */
    public Faults unavailable(String route, int times) {
        return add(route, times, Fault.unavailable());
    }

    /** Any 4xx or 5xx status in Asana's error envelope. */
    public Faults status(String route, int times, int status) {
        return add(route, times, Fault.status(status));
    }

    /** Holds each request for {@code delay}, then handles it normally. */
    public Faults delay(String route, int times, Duration delay) {
        return add(route, times, Fault.delay(delay));
    }

    /**
     * Closes the connection once at least {@code afterBytes} of the request body have arrived; the
     * request is not handled, so nothing is stored. 0 closes it before the body is read.
     */
    public Faults cutRequestBody(String route, int times, long afterBytes) {
        return add(route, times, Fault.cutRequestAfter(afterBytes));
    }

    /**
     * Sends the status, headers and the first {@code afterBytes} of the response body, then closes
     * the connection. A body no longer than {@code afterBytes} is sent whole.
     */
    public Faults cutResponseBody(String route, int times, long afterBytes) {
        return add(route, times, Fault.cutResponseAfter(afterBytes));
    }

    /**
     * Any fault.
     *
     * @throws IllegalArgumentException when the route has no leading {@code /} or times is below 1
     */
    public Faults add(String route, int times, Fault fault) {
        plan.add(route, times, fault);
        return this;
    }

    /** The rules that have uses left, in order. */
    public List<FaultPlan.Rule> pending() {
        return plan.pending();
    }

    /** Drops every rule. */
    public void clear() {
        plan.clear();
    }
}
