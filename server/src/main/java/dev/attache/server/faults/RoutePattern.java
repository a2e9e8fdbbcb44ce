package dev.attache.server.faults;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which requests a fault applies to, written as Asana documents routes: {@code POST /attachments},
 * {@code GET /attachments/{attachment_gid}}, or {@code * /attachments} for any method. Paths are
 * relative to {@code /api/1.0}; a path outside the API (a download URL's {@code /download/{gid}})
 * matches when written in full. A {@code {name}} segment matches any one segment.
 *
 * @param method   upper-case method, or {@code *}
 * @param segments path segments, {@code {…}} for any
 */
public record RoutePattern(String method, List<String> segments) {

    private static final String API_PREFIX = "/api/1.0";

    public RoutePattern {
        Objects.requireNonNull(method, "method");
        segments = List.copyOf(segments);
    }

    /**
     * Parses {@code "METHOD /path"} or {@code "/path"} (any method).
     *
     * @throws IllegalArgumentException when the path does not start with {@code /}
     */
    public static RoutePattern parse(String route) {
        String trimmed = route.trim();
        int space = trimmed.indexOf(' ');
        String method = space < 0 ? "*" : trimmed.substring(0, space).toUpperCase(Locale.ROOT);
        String path = space < 0 ? trimmed : trimmed.substring(space + 1).trim();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route: the path must start with / but was \"" + route + "\"");
        }
        return new RoutePattern(method, split(path));
    }

    /** Whether a request's method and raw path match. */
    public boolean matches(String requestMethod, String requestPath) {
        if (!method.equals("*") && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        return segmentsMatch(split(requestPath))
                || requestPath.startsWith(API_PREFIX + "/") && segmentsMatch(split(requestPath.substring(API_PREFIX.length())));
    }

    private boolean segmentsMatch(List<String> path) {
        if (path.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < path.size(); i++) {
            String want = segments.get(i);
            if (!(want.startsWith("{") && want.endsWith("}")) && !want.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> split(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return method + " /" + String.join("/", segments);
    }
}
