package dev.attache.testkit;

import java.time.Duration;
import java.time.Instant;

import dev.attache.server.faults.ShiftableClock;

/**
 * The time of an {@link AttacheServer}: real time plus whatever a test has added, so download URLs and
 * offset tokens expire without waiting. Time keeps running while shifted. {@link AttacheExtension}
 * sets it back to real time after every test. Thread-safe.
 */
public final class ServerClock {

    private final ShiftableClock clock;

    ServerClock(ShiftableClock clock) {
        this.clock = clock;
    }

    /**
     * Moves the server's time forward.
     *
     * @param by how far; zero does nothing
     * @throws IllegalArgumentException when {@code by} is negative: the clock only moves forward
     */
    public void advance(Duration by) {
        clock.advance(by);
    }

    /** How far ahead of real time the server's time is; zero unless a test moved it. */
    public Duration offset() {
        return clock.offset();
    }

    /** The server's time now. */
    public Instant now() {
        return clock.instant();
    }

    /** Back to real time. */
    public void reset() {
        clock.reset();
    }
}
