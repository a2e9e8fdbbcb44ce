package dev.attache.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.attache.server.testing.MutableClock;

class InMemoryMinuteWindowsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-30T07:00:00Z"));
    private final InMemoryMinuteWindows windows = new InMemoryMinuteWindows(clock);

    @Test
    void requestsInOneMinuteAreCountedTogether() {
        windows.count(7, clock.millis(), 1500);
        clock.advance(Duration.ofSeconds(59));

        assertThat(windows.count(7, clock.millis(), 1500).requests()).isEqualTo(2);
    }

    @Test
    void aClosedWindowIsForgotten() {
        windows.count(7, clock.millis(), 1500);
        windows.count(8, clock.millis(), 1500);
        assertThat(windows.trackedTokens()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(60));

        assertThat(windows.trackedTokens()).isZero();
    }

    @Test
    void anOpenWindowIsKept() {
        windows.count(7, clock.millis(), 1500);

        clock.advance(Duration.ofSeconds(59));

        assertThat(windows.trackedTokens()).isEqualTo(1);
    }

    @Test
    void aRequestAfterTheWindowClosedOpensAFreshOne() {
        windows.count(7, clock.millis(), 1500);
        windows.count(7, clock.millis(), 1500);
        clock.advance(Duration.ofSeconds(61));

        assertThat(windows.count(7, clock.millis(), 1500).requests()).isEqualTo(1);
    }
}
