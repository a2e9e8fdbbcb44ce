package dev.attache.server.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class GidGeneratorTest {

    /** A clock the test moves by hand. */
    static final class SettableClock extends Clock {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void idsWithinOneMillisecondAreDistinctAndIncreasing() {
        GidGenerator gids = new GidGenerator(new SettableClock(), 0);
        long previous = -1;
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long id = gids.next();
            assertThat(id).isGreaterThan(previous);
            seen.add(id);
            previous = id;
        }

        assertThat(seen).hasSize(10_000);
    }

    @Test
    void clockSteppingBackNeverRepeatsAnId() {
        SettableClock clock = new SettableClock();
        GidGenerator gids = new GidGenerator(clock, 3);
        long before = gids.next();
        clock.now = clock.now.minusSeconds(10);

        assertThat(gids.next()).isGreaterThan(before);
    }

    @Test
    void differentNodesNeverCollideInTheSameMillisecond() {
        SettableClock clock = new SettableClock();
        GidGenerator a = new GidGenerator(clock, 1);
        GidGenerator b = new GidGenerator(clock, 2);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(a.next());
            seen.add(b.next());
        }

        assertThat(seen).hasSize(2000);
    }

    @Test
    void wellFormedGidsAreDigitsOnly() {
        assertThat(Gid.parse("123")).isPresent();
        assertThat(Gid.parse("")).isEmpty();
        assertThat(Gid.parse("-1")).isEmpty();
        assertThat(Gid.parse("12a")).isEmpty();
        assertThat(Gid.parse("99999999999999999999999").orElseThrow().value()).isEqualTo(Gid.NONE);
    }
}
