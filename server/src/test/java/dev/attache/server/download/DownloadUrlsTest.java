package dev.attache.server.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.attache.server.http.PublicBases;
import dev.attache.server.signing.Signer;

class DownloadUrlsTest {

    private static final Instant ISSUED = Instant.parse("2026-01-30T07:00:00Z");

    @Test
    void urlIsValidUntilItsExpiry() {
        DownloadUrls issuer = urls(ISSUED);
        Map<String, String> q = query(issuer.urlFor(42));

        assertThat(urls(ISSUED.plus(Duration.ofMinutes(30))).isValid(42, q.get("expires"), q.get("signature"))).isTrue();
    }

    @Test
    void urlIsRejectedOneSecondAfterItsExpiry() {
        DownloadUrls issuer = urls(ISSUED);
        Map<String, String> q = query(issuer.urlFor(42));

        assertThat(urls(ISSUED.plus(Duration.ofMinutes(30)).plusSeconds(1)).isValid(42, q.get("expires"), q.get("signature"))).isFalse();
    }

    @Test
    void urlForOneAttachmentIsRejectedForAnother() {
        DownloadUrls issuer = urls(ISSUED);
        Map<String, String> q = query(issuer.urlFor(42));

        assertThat(issuer.isValid(43, q.get("expires"), q.get("signature"))).isFalse();
    }

    @Test
    void extendedExpiryIsRejected() {
        DownloadUrls issuer = urls(ISSUED);
        Map<String, String> q = query(issuer.urlFor(42));
        long later = Long.parseLong(q.get("expires")) + 3600;

        assertThat(issuer.isValid(42, Long.toString(later), q.get("signature"))).isFalse();
    }

    private static DownloadUrls urls(Instant now) {
        Signer signer = new Signer("0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8));
        return new DownloadUrls(signer, PublicBases.of("http://127.0.0.1:1"), Duration.ofMinutes(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Map<String, String> query(String url) {
        return Stream.of(URI.create(url).getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }
}
