package dev.attache.client.internal;

import java.lang.System.Logger.Level;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Logs requests and responses at {@code DEBUG} on the {@code dev.attache.client.wire} logger,
 * with the {@code Authorization} header redacted. Off unless enabled on the builder.
 */
final class WireLog {

    private final System.Logger logger = System.getLogger("dev.attache.client.wire");
    private final boolean enabled;

    WireLog(boolean enabled) {
        this.enabled = enabled;
    }

    void request(HttpRequest request, int attempt) {
        if (enabled && logger.isLoggable(Level.DEBUG)) {
            logger.log(Level.DEBUG, "--> {0} {1} (attempt {2}) {3}", request.method(), request.uri(),
                    attempt, headers(request.headers()));
        }
    }

    void response(HttpRequest request, HttpResponse<?> response) {
        if (enabled && logger.isLoggable(Level.DEBUG)) {
            logger.log(Level.DEBUG, "<-- {0} {1} {2} {3}", response.statusCode(), request.method(),
                    request.uri(), headers(response.headers()));
        }
    }

    void failure(HttpRequest request, Throwable failure) {
        if (enabled && logger.isLoggable(Level.DEBUG)) {
            logger.log(Level.DEBUG, "<-- failed {0} {1}: {2}", request.method(), request.uri(), failure.toString());
        }
    }

    static String headers(HttpHeaders headers) {
        return headers.map().entrySet().stream()
                .map(WireLog::redact)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String redact(Map.Entry<String, List<String>> header) {
        boolean secret = header.getKey().equalsIgnoreCase("Authorization");
        return header.getKey() + ": " + (secret ? "<redacted>" : String.join(",", header.getValue()));
    }
}
