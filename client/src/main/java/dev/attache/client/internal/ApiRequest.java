package dev.attache.client.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One API call, before any attempt.
 *
 * @param method {@code GET}, {@code POST} or {@code DELETE}
 * @param path the path below the API base, starting with {@code /}
 * @param query query parameters in order; values are not yet encoded
 * @param body the multipart body, or null
 * @param replayable whether the body can be sent again from the start
 */
public record ApiRequest(String method, String path, Map<String, String> query,
        @Nullable MultipartBody body, boolean replayable) {

    /** Checks and copies the components. */
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /**
     * Whether the request only reads, which decides its concurrency limit.
     *
     * @return true for GET
     */
    public boolean isRead() {
        return method.equals("GET");
    }

    /**
     * Whether repeating the request cannot do anything twice.
     *
     * @return true for GET and DELETE
     */
    public boolean isIdempotent() {
        return !method.equals("POST");
    }
}
