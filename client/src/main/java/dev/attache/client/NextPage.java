package dev.attache.client;

import java.net.URI;
import java.util.Objects;

/**
 * Where the next page of a list starts, as the API's {@code next_page} object.
 *
 * @param offset the opaque offset token to pass as {@link PageRequest#withOffset(String)}
 * @param path the relative path and query of the next page
 * @param uri the absolute URL of the next page
 */
public record NextPage(String offset, String path, URI uri) {

    /**
     * Checks the components.
     *
     * @param offset the opaque offset token to pass as {@link PageRequest#withOffset(String)}
     * @param path the relative path and query of the next page
     * @param uri the absolute URL of the next page
     * @throws NullPointerException if any component is null
     */
    public NextPage {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(uri, "uri");
    }
}
