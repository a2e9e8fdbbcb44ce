package dev.attache.storage.s3;

import java.io.IOException;

import dev.attache.server.blob.BlobStoreUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Tells a store that does not answer from a request it refused. No answer at all (refused or dropped
 * connection, timeout: the SDK's client-side failures) and a failing store (5xx, or 429 "slow down")
 * are {@link BlobStoreUnavailableException}s, which the API reports as 503 with {@code Retry-After};
 * anything else (access denied, a bad request) stays a plain {@link IOException}, a 500, since retrying
 * cannot help.
 */
final class S3Failures {

    private S3Failures() {
    }

    static IOException of(String what, SdkException e) {
        String message = what + " failed: " + e.getMessage();
        return isUnavailable(e) ? new BlobStoreUnavailableException(message, e) : new IOException(message, e);
    }

    /** An {@link IOException} for any failure of a write, classified when it is the SDK's. */
    static IOException of(String what, Throwable e) {
        if (e instanceof IOException io) {
            return io;
        }
        if (e instanceof SdkException sdk) {
            return of(what, sdk);
        }
        return new IOException(what + " failed: " + e.getMessage(), e);
    }

    static boolean isUnavailable(SdkException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        return e instanceof SdkServiceException service && (service.statusCode() >= 500 || service.statusCode() == 429);
    }
}
