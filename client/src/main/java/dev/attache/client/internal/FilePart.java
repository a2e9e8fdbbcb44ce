package dev.attache.client.internal;

import dev.attache.client.ProgressListener;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The file part of an upload.
 *
 * @param fileName the name to send, any Unicode
 * @param contentType the part's content type
 * @param length the exact byte count, or -1 when unknown
 * @param opener opens the bytes from the start; called once per attempt
 * @param progress hears bytes read from the file
 */
public record FilePart(String fileName, String contentType, long length,
        Supplier<? extends InputStream> opener, ProgressListener progress) {

    /** Checks the components. */
    public FilePart {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(opener, "opener");
        Objects.requireNonNull(progress, "progress");
    }
}
