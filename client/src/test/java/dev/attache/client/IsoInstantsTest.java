package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attache.client.internal.IsoInstants;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fast instant reader must agree with {@link Instant#parse} on everything, values and errors alike. */
class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-01-30T07:02:11.454Z",
        "2026-01-30T07:02:11Z",
        "2026-01-30T07:02:11.4Z",
        "2026-01-30T07:02:11.450000Z",
        "2026-01-30T07:02:11.123456789Z",
        "2026-01-30T07:02:11.000000001Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "2024-02-29T12:00:00Z",
        "2000-02-29T12:00:00Z",
        "2026-01-30T07:02:11.454+01:00",
        "2026-01-30T07:02:11-05:30",
        "2026-01-30t07:02:11.454z",
        "2026-12-31T23:59:60Z",
        "2026-01-30T24:00:00Z",
        "2026-01-30T07:02:11.Z",
        "+12026-01-30T07:02:11Z",
        "-0001-01-30T07:02:11Z",
    })
    void agreesWithInstantParse(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2023-02-29T12:00:00Z",
        "2026-04-31T12:00:00Z",
        "2026-13-01T12:00:00Z",
        "2026-00-01T12:00:00Z",
        "2026-01-00T12:00:00Z",
        "2026-01-30T25:00:00Z",
        "2026-01-30T07:60:00Z",
        "2026-01-30T07:02:61Z",
        "2026-01-30T07:02:11.1234567890Z",
        "2026-01-30T07:02:11",
        "2026-01-30 07:02:11Z",
        "2026-1-30T07:02:11Z",
        "2026-01-30T07:02:1xZ",
        "２０２６-01-30T07:02:11Z",
        " 2026-01-30T07:02:11Z",
        "",
    })
    void rejectsWhatInstantParseRejects(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void agreesWithInstantParseOnRandomInstantsAtEveryPrecision() {
        Random random = new Random(20261130);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(min + Math.floorMod(random.nextLong(), max - min),
                    random.nextInt(1_000_000_000));
            int digits = random.nextInt(10);
            Instant truncated = Instant.ofEpochSecond(instant.getEpochSecond(),
                    instant.getNano() / pow10(9 - digits) * pow10(9 - digits));
            String text = truncated.toString();
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(truncated);
        }
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }
}
