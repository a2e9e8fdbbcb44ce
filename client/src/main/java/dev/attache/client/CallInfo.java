package dev.attache.client;

import java.util.Objects;

/**
 * Names one call for a {@link CallListener}.
 *
 * @param method the HTTP method, for example {@code GET}
 * @param path the path below the API base (for a download, the download URL's path), never a query
 */
public record CallInfo(String method, String path) {

    /**
     * Checks the components.
     *
     * @param method the HTTP method, for example {@code GET}
     * @param path the path below the API base (for a download, the download URL's path), never a query
     */
    public CallInfo {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }
}
