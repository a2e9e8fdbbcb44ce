package dev.attache.client.internal;

import java.util.Objects;

/**
 * A text part of a multipart form.
 *
 * @param name the part name, ASCII
 * @param value the value, sent as UTF-8
 */
public record FormField(String name, String value) {

    /** Checks the components. */
    public FormField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
