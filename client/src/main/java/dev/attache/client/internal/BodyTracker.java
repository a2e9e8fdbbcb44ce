package dev.attache.client.internal;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the request body bytes handed to the HTTP client in one attempt and when the last ones
 * went, so retries can tell whether any byte may have reached the server and the idle timeout can
 * tell a slow upload from a stalled one. Thread-safe.
 */
public final class BodyTracker {

    private final Clock clock;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lastActivityMillis;

    /**
     * Starts tracking now.
     *
     * @param clock the clock to stamp activity with
     */
    public BodyTracker(Clock clock) {
        this.clock = clock;
        this.lastActivityMillis = new AtomicLong(clock.millis());
    }

    void add(long n) {
        bytes.addAndGet(n);
        touch();
    }

    void touch() {
        lastActivityMillis.set(clock.millis());
    }

    /**
     * Body bytes read so far; zero means none can have been sent.
     *
     * @return the count
     */
    public long bytesRead() {
        return bytes.get();
    }

    /**
     * Milliseconds since the last body byte was read (or since tracking started).
     *
     * @return the idle time
     */
    public long idleMillis() {
        return clock.millis() - lastActivityMillis.get();
    }
}
