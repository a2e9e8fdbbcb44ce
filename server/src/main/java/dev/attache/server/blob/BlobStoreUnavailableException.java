package dev.attache.server.blob;

import java.io.IOException;

/**
 * The blob store did not answer: it refused or dropped the connection, timed out, or answered that it
 * is failing (a 5xx). Nothing about the request itself was wrong, so the API answers 503 with
 * {@code Retry-After}. An {@link IOException}, like every other failure a {@link BlobStore} reports, so
 * callers that clean up after a failed store call do so here too.
 */
public final class BlobStoreUnavailableException extends IOException {

    private static final long serialVersionUID = 1L;

    public BlobStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
