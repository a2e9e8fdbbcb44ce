package dev.attache.server.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class HttpDateTest {

    @Test
    void singleDigitDayIsZeroPaddedAsImfFixdateRequires() {
        assertThat(DownloadRoutes.httpDate(Instant.parse("2026-01-03T07:02:11.454Z"))).isEqualTo("Sat, 03 Jan 2026 07:02:11 GMT");
    }

    @Test
    void twoDigitDayIsWrittenAsIs() {
        assertThat(DownloadRoutes.httpDate(Instant.parse("2026-11-28T23:59:59Z"))).isEqualTo("Sat, 28 Nov 2026 23:59:59 GMT");
    }
}
