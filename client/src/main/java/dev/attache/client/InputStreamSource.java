package dev.attache.client;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens the bytes of a {@link Upload#stream} upload from the start, once per attempt. Unlike a
 * {@code Supplier}, it may throw {@link IOException}, so {@code () -> Files.newInputStream(path)}
 * is one.
 */
@FunctionalInterface
public interface InputStreamSource {

    /**
     * Opens a new stream positioned at the first byte; the client closes it.
     *
     * @return the stream
     * @throws IOException if it cannot be opened; the upload then fails with an
     *     {@link java.io.UncheckedIOException} caused by it
     */
    InputStream open() throws IOException;
}
