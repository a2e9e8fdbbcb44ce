package dev.attache.client.testing;

import dev.attache.client.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each requested delay, advances the test clock by it, and returns at once. */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private final TestClock clock;

    public RecordingSleeper(TestClock clock) {
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> sleep(Duration delay) {
        delays.add(delay);
        clock.advance(delay);
        return CompletableFuture.completedFuture(null);
    }

    public List<Duration> delays() {
        return List.copyOf(delays);
    }
}
