package dev.attache.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.attache.server.http.ApiException;
import dev.attache.server.testing.MutableClock;

class RateLimiterTest {

    private static final long TOKEN = 7;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-30T07:00:00Z"));

    @Test
    void requestOverTheMinuteQuotaIsRejectedWithTheTimeLeftInTheWindow() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 2, 10, 10), clock);
        limiter.acquire(TOKEN, false).close();
        clock.advance(Duration.ofSeconds(20));
        limiter.acquire(TOKEN, false).close();

        ApiException e = catchThrowableOfType(() -> limiter.acquire(TOKEN, false), ApiException.class);

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfterSeconds()).isEqualTo(40);
    }

    @Test
    void windowReopensSixtySecondsAfterItsFirstRequest() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 1, 10, 10), clock);
        limiter.acquire(TOKEN, false).close();
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> limiter.acquire(TOKEN, false)).isInstanceOf(ApiException.class);

        clock.advance(Duration.ofSeconds(1));

        limiter.acquire(TOKEN, false).close();
    }

    @Test
    void rejectedRequestsCountAgainstTheMinuteQuota() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 2, 10, 1), clock);
        limiter.acquire(TOKEN, true);
        assertThatThrownBy(() -> limiter.acquire(TOKEN, true)).isInstanceOf(ApiException.class);

        ApiException e = catchThrowableOfType(() -> limiter.acquire(TOKEN, false), ApiException.class);

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void quotaIsCountedPerToken() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 1, 10, 10), clock);
        limiter.acquire(TOKEN, false).close();
        assertThatThrownBy(() -> limiter.acquire(TOKEN, false)).isInstanceOf(ApiException.class);

        assertThatCode(() -> limiter.acquire(TOKEN + 1, false).close()).doesNotThrowAnyException();
        ApiException other = catchThrowableOfType(() -> limiter.acquire(TOKEN + 1, false), ApiException.class);
        assertThat(other.status()).isEqualTo(429);
        assertThat(other.retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void writesInFlightAreCappedUntilOneCloses() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 100, 10, 2), clock);
        RateLimiter.Permit first = limiter.acquire(TOKEN, true);
        limiter.acquire(TOKEN, true);

        ApiException e = catchThrowableOfType(() -> limiter.acquire(TOKEN, true), ApiException.class);
        first.close();

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfterSeconds()).isGreaterThanOrEqualTo(1);
        limiter.acquire(TOKEN, true).close();
    }

    @Test
    void closingAPermitTwiceFreesOnlyOneSlot() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 100, 10, 2), clock);
        RateLimiter.Permit first = limiter.acquire(TOKEN, true);
        limiter.acquire(TOKEN, true);
        first.close();
        first.close();
        limiter.acquire(TOKEN, true);

        assertThatThrownBy(() -> limiter.acquire(TOKEN, true)).isInstanceOf(ApiException.class);
    }

    @Test
    void readsInFlightDoNotUseWriteSlots() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 100, 1, 1), clock);
        limiter.acquire(TOKEN, true);

        limiter.acquire(TOKEN, false);

        assertThatThrownBy(() -> limiter.acquire(TOKEN, false)).isInstanceOf(ApiException.class);
    }

    @Test
    void tokenIsForgottenOnceItsLastRequestInFlightEnds() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 100, 10, 10), clock);
        RateLimiter.Permit read = limiter.acquire(TOKEN, false);
        RateLimiter.Permit write = limiter.acquire(TOKEN, true);
        limiter.acquire(TOKEN + 1, false).close();
        assertThat(limiter.trackedTokens()).isEqualTo(1);

        read.close();
        assertThat(limiter.trackedTokens()).as("a write still in flight").isEqualTo(1);
        write.close();

        assertThat(limiter.trackedTokens()).isZero();
    }

    @Test
    void tokenWithARequestInFlightIsKeptHoweverLongItRuns() {
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 100, 10, 1), clock);
        RateLimiter.Permit longUpload = limiter.acquire(TOKEN, true);

        clock.advance(Duration.ofMinutes(30));

        assertThat(limiter.trackedTokens()).isEqualTo(1);
        assertThatThrownBy(() -> limiter.acquire(TOKEN, true)).isInstanceOf(ApiException.class);
        longUpload.close();
        assertThat(limiter.trackedTokens()).isZero();
    }
}
