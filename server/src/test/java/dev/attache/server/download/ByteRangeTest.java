package dev.attache.server.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void closedRangeCoversBothEnds() throws Exception {
        assertThat(ByteRange.parse("bytes=2-5", 10)).contains(new ByteRange(2, 4));
    }

    @Test
    void openEndedRangeRunsToTheEndOfTheFile() throws Exception {
        assertThat(ByteRange.parse("bytes=4-", 10)).contains(new ByteRange(4, 6));
    }

    @Test
    void lastByteBeyondTheEndIsClampedToTheFile() throws Exception {
        assertThat(ByteRange.parse("bytes=8-100", 10)).contains(new ByteRange(8, 2));
    }

    @Test
    void suffixRangeTakesTheLastBytes() throws Exception {
        assertThat(ByteRange.parse("bytes=-3", 10)).contains(new ByteRange(7, 3));
    }

    @Test
    void suffixLongerThanTheFileTakesTheWholeFile() throws Exception {
        assertThat(ByteRange.parse("bytes=-50", 10)).contains(new ByteRange(0, 10));
    }

    @Test
    void unitNameIsCaseInsensitive() throws Exception {
        assertThat(ByteRange.parse("Bytes=0-0", 10)).contains(new ByteRange(0, 1));
    }

    @Test
    void firstByteAtTheEndIsUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=10-20", 10)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void zeroLengthSuffixIsUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 10)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void anyRangeOfAnEmptyFileIsUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=-1", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void severalRangesAreAnsweredWithTheWholeFile() throws Exception {
        assertThat(ByteRange.parse("bytes=0-1,4-5", 10)).isEqualTo(Optional.empty());
    }

    @Test
    void otherUnitsAreIgnored() throws Exception {
        assertThat(ByteRange.parse("items=0-1", 10)).isEmpty();
    }

    @Test
    void backwardsRangeIsIgnored() throws Exception {
        assertThat(ByteRange.parse("bytes=5-2", 10)).isEmpty();
    }

    @Test
    void negativeSuffixIsIgnoredAsMalformed() throws Exception {
        assertThat(ByteRange.parse("bytes=--5", 10)).isEmpty();
    }

    @Test
    void signedFirstByteIsIgnoredAsMalformed() throws Exception {
        assertThat(ByteRange.parse("bytes=+1-2", 10)).isEmpty();
    }

    @Test
    void nonNumericRangeIsIgnored() throws Exception {
        assertThat(ByteRange.parse("bytes=a-b", 10)).isEmpty();
    }
}
