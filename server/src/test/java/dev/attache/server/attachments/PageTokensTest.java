package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.attache.server.http.ApiException;
import dev.attache.server.signing.Signer;

class PageTokensTest {

    private static final Signer SIGNER = new Signer("0123456789abcdef0123456789abcdef".getBytes());
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void tokenReturnsTheGidItWasIssuedFor() {
        PageTokens tokens = new PageTokens(SIGNER, Duration.ofMinutes(15), Clock.fixed(T0, ZoneOffset.UTC));

        assertThat(tokens.afterGid(tokens.issue(10, 20, 30), 10, 20)).isEqualTo(30);
    }

    @Test
    void tokenExpiresAfterItsLifetime() {
        String token = new PageTokens(SIGNER, Duration.ofMinutes(15), Clock.fixed(T0, ZoneOffset.UTC)).issue(10, 20, 30);
        PageTokens later = new PageTokens(SIGNER, Duration.ofMinutes(15), Clock.fixed(T0.plus(Duration.ofMinutes(16)), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.afterGid(token, 10, 20))
                .isInstanceOf(ApiException.class)
                .hasMessage("offset: Your pagination token is invalid or has expired");
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        String token = new PageTokens(new Signer("another-secret-of-enough-length".getBytes()), Duration.ofMinutes(15),
                Clock.fixed(T0, ZoneOffset.UTC)).issue(10, 20, 30);
        PageTokens ours = new PageTokens(SIGNER, Duration.ofMinutes(15), Clock.fixed(T0, ZoneOffset.UTC));

        assertThatThrownBy(() -> ours.afterGid(token, 10, 20)).isInstanceOf(ApiException.class);
    }

    @Test
    void garbageTokenIsRejected() {
        PageTokens tokens = new PageTokens(SIGNER, Duration.ofMinutes(15), Clock.fixed(T0, ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.afterGid("not-a-token", 10, 20)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> tokens.afterGid("@@@.@@@", 10, 20)).isInstanceOf(ApiException.class);
    }
}
