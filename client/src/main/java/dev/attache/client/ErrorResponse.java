package dev.attache.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An error response as the client saw it; the input to {@link AsanaApiException#of}.
 *
 * @param method the request method
 * @param path the request path below the API base, without the query
 * @param status the HTTP status
 * @param errors the parsed {@code errors} array; an unmodifiable copy
 * @param retryAfter the {@code Retry-After} delay, or null
 * @param requestId the server's {@code X-Request-Id} for the request, or null when it sent none
 */
public record ErrorResponse(String method, String path, int status, List<AsanaError> errors,
        @Nullable Duration retryAfter, @Nullable String requestId) {

    /**
     * Checks and copies the components.
     *
     * @param method the request method
     * @param path the request path below the API base, without the query
     * @param status the HTTP status
     * @param errors the parsed {@code errors} array; an unmodifiable copy
     * @param retryAfter the {@code Retry-After} delay, or null
     * @param requestId the server's {@code X-Request-Id} for the request, or null when it sent none
     * @throws NullPointerException if a non-nullable component is null
     */
    public ErrorResponse {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        errors = List.copyOf(errors);
    }

    /**
     * An error response without a request id.
     *
     * @param method the request method
     * @param path the request path below the API base, without the query
     * @param status the HTTP status
     * @param errors the parsed {@code errors} array
     * @param retryAfter the {@code Retry-After} delay, or null
     */
    public ErrorResponse(String method, String path, int status, List<AsanaError> errors,
            @Nullable Duration retryAfter) {
        this(method, path, status, errors, retryAfter, null);
    }
}
