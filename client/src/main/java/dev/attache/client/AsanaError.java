package dev.attache.client;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an error response's {@code errors} array.
 *
 * @param message what went wrong, usually {@code <parameter>: <problem>}
 * @param help a pointer to documentation, or null
 * @param phrase the incident phrase of a 500 response, or null
 */
public record AsanaError(String message, @Nullable String help, @Nullable String phrase) {

    /**
     * Checks the message.
     *
     * @param message what went wrong, usually {@code <parameter>: <problem>}
     * @param help a pointer to documentation, or null
     * @param phrase the incident phrase of a 500 response, or null
     * @throws NullPointerException if {@code message} is null
     */
    public AsanaError {
        Objects.requireNonNull(message, "message");
    }
}
