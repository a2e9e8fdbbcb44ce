package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** {@code created_at} is written by hand for speed; it must read exactly as the pattern the contract names. */
class CreatedAtPropertyTest {

    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Property(tries = 2000)
    void createdAtReadsAsThePatternForAnyMillisecondOfAnyYear(
            @ForAll @LongRange(min = -62_135_596_800_000L, max = 253_402_300_799_999L) long epochMillis) {
        Instant instant = Instant.ofEpochMilli(epochMillis);

        assertThat(AttachmentView.timestamp(instant)).isEqualTo(PATTERN.format(instant));
    }

    @Property(tries = 500)
    void createdAtReadsAsThePatternWhateverTheNanosecondsBelowTheMillisecond(
            @ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond,
            @ForAll @LongRange(min = 0, max = 999_999_999L) long nanos) {
        Instant instant = Instant.ofEpochSecond(epochSecond, nanos);

        assertThat(AttachmentView.timestamp(instant)).isEqualTo(PATTERN.format(instant));
    }
}
