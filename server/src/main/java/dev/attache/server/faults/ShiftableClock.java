package dev.attache.server.faults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real time plus an offset a test can push forward, so download URLs and offset tokens expire
 * without anyone waiting. Time keeps running while shifted. Thread-safe.
 */
public final class ShiftableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public ShiftableClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * Moves the clock forward.
     *
     * @throws IllegalArgumentException when {@code by} is negative
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward, but was asked to move by " + by);
        }
        offset.accumulateAndGet(by, Duration::plus);
    }

    /** Back to the base clock's time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    /** How far ahead of the base clock this one is. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(base.getZone())) {
            return this;
        }
        throw new UnsupportedOperationException("a ShiftableClock keeps its base clock's zone, " + base.getZone());
    }
}
