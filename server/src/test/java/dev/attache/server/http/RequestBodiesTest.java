package dev.attache.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.attache.server.testing.MutableClock;

class RequestBodiesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-30T07:00:00Z"));
    private static final long LARGEST = 8 * 1024 * 1024;
    private final RequestBodies bodies = new RequestBodies(1000, clock, LARGEST, 1);

    @Test
    void bodyFallingBelowTheMinimumAfterTheGraceIsRefused408() throws IOException {
        InputStream body = bodies.of(new ByteArrayInputStream(new byte[10_000]));
        body.readNBytes(100);
        clock.advance(Duration.ofSeconds(3));

        ApiException e = catchThrowableOfType(() -> body.readNBytes(100), ApiException.class);

        assertThat(e.status()).isEqualTo(408);
        assertThat(e.getMessage()).contains("1000 bytes a second");
    }

    @Test
    void slowStartWithinTheGraceIsAllowed() throws IOException {
        InputStream body = bodies.of(new ByteArrayInputStream(new byte[10_000]));
        body.readNBytes(1);
        clock.advance(RequestBodies.GRACE);

        assertThat(body.readNBytes(1)).hasSize(1);
    }

    @Test
    void bodyKeepingUpWithTheMinimumIsReadWhole() throws IOException {
        InputStream body = bodies.of(new ByteArrayInputStream(new byte[10_000]));
        int read = 0;
        for (int second = 0; second < 10; second++) {
            read += body.readNBytes(1000).length;
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(read).isEqualTo(10_000);
    }

    @Test
    void pauseOfTheServersOwnBetweenReadsIsNotHeldAgainstAFastClient() throws IOException {
        InputStream body = bodies.of(new ByteArrayInputStream(new byte[200_000]));
        body.readNBytes(180);
        // The server looked something up while the client's bytes waited in the socket.
        clock.advance(Duration.ofSeconds(5));

        assertThat(body.readNBytes(128 * 1024)).hasSize(128 * 1024);
    }

    @Test
    void noMinimumReadsAnyBodyAtAnyPace() throws IOException {
        InputStream body = new RequestBodies(0, clock, LARGEST, 1).of(new ByteArrayInputStream(new byte[10]));
        body.readNBytes(1);
        clock.advance(Duration.ofDays(1));

        assertThat(body.readNBytes(9)).hasSize(9);
    }

    @Test
    void aRefusedBodyOverOneMebibyteIsReadToItsEndWhileAPermitIsFree() throws IOException {
        int size = 5 * 1024 * 1024;

        assertThat(bodies.discard(() -> new ByteArrayInputStream(new byte[size]), size)).isEqualTo(size);
    }

    @Test
    void aPermitIsGivenBackAfterALargeDiscard() throws IOException {
        int size = 2 * 1024 * 1024;
        bodies.discard(() -> new ByteArrayInputStream(new byte[size]), size);

        assertThat(bodies.discard(() -> new ByteArrayInputStream(new byte[size]), size)).isEqualTo(size);
    }

    @Test
    void aRefusedBodyOverOneMebibyteIsLeftUnreadWhenNoPermitIsFree() throws IOException {
        RequestBodies noPermits = new RequestBodies(1000, clock, LARGEST, 0);
        int size = 2 * 1024 * 1024;

        assertThat(noPermits.discard(() -> new ByteArrayInputStream(new byte[size]), size)).isZero();
    }

    @Test
    void aChunkedRefusedBodyNeedsAPermit() throws IOException {
        RequestBodies noPermits = new RequestBodies(1000, clock, LARGEST, 0);

        assertThat(noPermits.discard(() -> new ByteArrayInputStream(new byte[10]), -1)).isZero();
        assertThat(bodies.discard(() -> new ByteArrayInputStream(new byte[10]), -1)).isEqualTo(10);
    }

    @Test
    void aRefusedBodyUpToOneMebibyteIsReadEvenWhenNoPermitIsFree() throws IOException {
        RequestBodies noPermits = new RequestBodies(1000, clock, LARGEST, 0);
        int size = 1024 * 1024;

        assertThat(noPermits.discard(() -> new ByteArrayInputStream(new byte[size]), size)).isEqualTo(size);
    }

    @Test
    void aRefusedBodyDeclaredLargerThanTheApiAcceptsIsLeftUnread() throws IOException {
        assertThat(bodies.discard(() -> new ByteArrayInputStream(new byte[10]), LARGEST + 1)).isZero();
    }

    @Test
    void aRefusedBodyArrivingBelowTheDiscardRateIsGivenUpOn() throws IOException {
        int size = 2 * 1024 * 1024;
        InputStream slow = new ByteArrayInputStream(new byte[size]) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                // Each read takes a simulated second: 8 KiB a second, far below the discard rate.
                clock.advance(Duration.ofSeconds(1));
                return super.read(b, off, len);
            }
        };

        long read = bodies.discard(() -> slow, size);

        assertThat(read).isGreaterThan(0).isLessThan(size);
    }
}
