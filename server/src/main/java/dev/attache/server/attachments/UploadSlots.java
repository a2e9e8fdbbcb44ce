package dev.attache.server.attachments;

import java.util.concurrent.Semaphore;

import dev.attache.server.http.ApiException;

/**
 * The server-wide bound on uploads being read at once. An upload holds a request thread for as long as
 * its body takes to arrive, so without a bound enough slow senders take every thread and nothing else is
 * answered; past the bound an upload is answered 503 before its body is read. Thread-safe.
 */
public final class UploadSlots {

    /** Held while an upload is read; closing it frees the slot. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final Semaphore free;

    /** @param max uploads read at once, at least 1 */
    public UploadSlots(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1 but was " + max);
        }
        this.free = new Semaphore(max);
    }

    /**
     * Takes a slot without waiting.
     *
     * @throws ApiException 503 with {@code Retry-After} when every slot is taken
     */
    Slot take() {
        if (!free.tryAcquire()) {
            throw ApiException.busy("The server is receiving as many uploads as it can. Please retry after the given amount of time.", 1);
        }
        return free::release;
    }
}
