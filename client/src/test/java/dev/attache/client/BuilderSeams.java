package dev.attache.client;

import java.time.Clock;
import java.util.function.DoubleSupplier;

/**
 * Sets the builder's package-private test seams (clock and jitter) for tests in other packages,
 * such as {@code dev.attache.client.testing.Fixture}; they are not part of the public API.
 */
public final class BuilderSeams {

    private BuilderSeams() {
    }

    /**
     * Gives the builder a test clock and a fixed jitter source.
     *
     * @param builder the builder
     * @param clock the clock for retry budgets, deadlines and idle detection
     * @param jitter the jitter source, values in [0, 1)
     * @return the same builder
     */
    public static AttachmentsApiBuilder clockAndJitter(AttachmentsApiBuilder builder, Clock clock,
            DoubleSupplier jitter) {
        return builder.clock(clock).jitter(jitter);
    }
}
