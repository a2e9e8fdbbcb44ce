package dev.attache.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.attache.server.faults.Fault.CutRequest;
import dev.attache.server.faults.Fault.CutResponse;
import dev.attache.server.faults.Fault.Delay;
import dev.attache.server.faults.Fault.Respond;
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

    // The server's faults are named by their nested records (Respond, Delay, CutRequest, CutResponse);
    // Fault alone is this package's own type, the one users see in pending().

    private final FaultPlan plan;

    Faults(FaultPlan plan) {
        this.plan = plan;
    }

    /** 429 with {@code Retry-After} (whole seconds, at least 1) and Asana's rate-limit message. */
    public Faults rateLimit(String route, int times, Duration retryAfter) {
        return add(route, times, dev.attache.server.faults.Fault.rateLimited(retryAfter));
    }

    /** 500 with Asana's {@code Server Error} message and an incident {@code phrase}. */
    public Faults serverError(String route, int times) {
        return add(route, times, new Respond(500, 0));
    }

    /** 503 Service Unavailable. */
    public Faults unavailable(String route, int times) {
        return add(route, times, new Respond(503, 0));
    }

    /** Any 4xx or 5xx status in Asana's error envelope. */
    public Faults status(String route, int times, int status) {
        return add(route, times, new Respond(status, 0));
    }

    /** Holds each request for {@code delay}, then handles it normally. */
    public Faults delay(String route, int times, Duration delay) {
        return add(route, times, new Delay(delay));
    }

    /**
     * Closes the connection once at least {@code afterBytes} of the request body have arrived; the
     * request is not handled, so nothing is stored. 0 closes it before the body is read.
     */
    public Faults cutRequestBody(String route, int times, long afterBytes) {
        return add(route, times, new CutRequest(afterBytes));
    }

    /**
     * Sends the status, headers and the first {@code afterBytes} of the response body, then closes
     * the connection. A body no longer than {@code afterBytes} is sent whole.
     */
    public Faults cutResponseBody(String route, int times, long afterBytes) {
        return add(route, times, new CutResponse(afterBytes));
    }

    /** The faults that still have requests to meet, in the order they apply; empty once every one has happened. */
    public List<PendingFault> pending() {
        return plan.pending().stream().map(Faults::pendingFault).toList();
    }

    /** Drops every fault. */
    public void clear() {
        plan.clear();
    }

    private Faults add(String route, int times, dev.attache.server.faults.Fault fault) {
        Objects.requireNonNull(route, "route");
        plan.add(route, times, fault);
        return this;
    }

    private static PendingFault pendingFault(FaultPlan.Rule rule) {
        return new PendingFault(rule.route().toString(), rule.remaining(), fault(rule.fault()));
    }

    private static Fault fault(dev.attache.server.faults.Fault fault) {
        if (fault instanceof Respond r) {
            return new Fault.Status(r.status(), Duration.ofSeconds(r.retryAfterSeconds()));
        }
        if (fault instanceof Delay d) {
            return new Fault.Delay(d.duration());
        }
        if (fault instanceof CutRequest c) {
            return new Fault.CutRequestBody(c.afterBytes());
        }
        if (fault instanceof CutResponse c) {
            return new Fault.CutResponseBody(c.afterBytes());
        }
        throw new IllegalStateException("a kind of fault the testkit does not know: " + fault);
    }
}
