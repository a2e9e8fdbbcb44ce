package dev.attache.storage.s3;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;

import dev.attache.server.blob.BlobStoreUnavailableException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The body of a ranged GET. A read that fails (most often the socket timeout: the store sent nothing
 * for the read call timeout) is the store not answering, so it fails as {@link
 * BlobStoreUnavailableException}: a download that has sent nothing yet is answered 503, one under way is
 * cut off. Closed before its end (a download the client gave up on, or a failed read), it aborts the
 * connection instead of reading the rest of the range just to reuse it.
 */
final class RangeBody extends FilterInputStream {

    private final ResponseInputStream<?> response;
    private final String what;
    private long remaining;

    RangeBody(ResponseInputStream<?> response, long length, String what) {
        super(response);
        this.response = response;
        this.what = what;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException | SdkException e) {
            throw unavailable(e);
        }
        if (b >= 0) {
            remaining--;
        } else {
            checkComplete();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException | SdkException e) {
            throw unavailable(e);
        }
        if (n > 0) {
            remaining -= n;
        } else if (n < 0) {
            checkComplete();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped;
        try {
            skipped = super.skip(n);
        } catch (IOException | SdkException e) {
            throw unavailable(e);
        }
        remaining -= skipped;
        return skipped;
    }

    @Override
    public void close() throws IOException {
        if (remaining > 0) {
            response.abort();
        }
        super.close();
    }

    /** The store closed the body early: the reader must not take the bytes so far for the whole range. */
    private void checkComplete() throws BlobStoreUnavailableException {
        if (remaining > 0) {
            String message = what + " ended " + remaining + " bytes early";
            throw new BlobStoreUnavailableException(message, new EOFException(message));
        }
    }

    private BlobStoreUnavailableException unavailable(Exception e) {
        return e instanceof BlobStoreUnavailableException already ? already
                : new BlobStoreUnavailableException(what + " failed while reading the body: " + e.getMessage(), e);
    }
}
