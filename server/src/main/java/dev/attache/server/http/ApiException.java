package dev.attache.server.http;

import java.util.Objects;

/**
 * A request the API refuses, with the status and the Asana-style message
 * ({@code <parameter>: <problem>}) the client sees. Thrown anywhere below a route; {@link ErrorMapping}
 * turns it into Asana's error envelope.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final long retryAfterSeconds;

    private ApiException(int status, String message, long retryAfterSeconds) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 with the given message. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message, 0);
    }

    /** 400 {@code <field>: <reason>}. */
    public static ApiException invalid(String field, String reason) {
        return badRequest(field + ": " + reason);
    }

    /** 400 {@code <field>: Missing input}. */
    public static ApiException missing(String field) {
        return invalid(field, "Missing input");
    }

    /** 401 {@code Not Authorized}. */
    public static ApiException notAuthorized() {
        return new ApiException(401, "Not Authorized", 0);
    }

    /** 403 with the given message. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, message, 0);
    }

    /** 404 {@code <field>: Not a recognized ID: <gid>}. */
    public static ApiException unknownId(String field, String gid) {
        return new ApiException(404, field + ": Not a recognized ID: " + gid, 0);
    }

    /** 404 for a path no route answers. */
    public static ApiException noRoute() {
        return new ApiException(404, "No matching route for request", 0);
    }

    /** 408 for a request body that arrives too slowly. */
    public static ApiException requestTimeout(String message) {
        return new ApiException(408, message, 0);
    }

    /** 413 for an upload over the size limit. */
    public static ApiException tooLarge(String message) {
        return new ApiException(413, message, 0);
    }

    /** 416 for a byte range outside the file. */
    public static ApiException rangeNotSatisfiable(String message) {
        return new ApiException(416, message, 0);
    }

    /** 429 with a {@code Retry-After} of at least one second. */
    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(429,
                "You've made too many requests and hit a rate limit. Please retry after the given amount of time.",
                Math.max(1, retryAfterSeconds));
    }

    /** 503 for a dependency that does not answer. */
    public static ApiException unavailable(String message) {
        return new ApiException(503, message, 0);
    }

    /** 503 for a server at its capacity, with a {@code Retry-After} of at least one second. */
    public static ApiException busy(String message, long retryAfterSeconds) {
        return new ApiException(503, message, Math.max(1, retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    /** Seconds for {@code Retry-After}, or 0 when the header does not apply. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
