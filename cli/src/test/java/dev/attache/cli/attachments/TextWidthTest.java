package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWidthTest {

    @Test
    void aCjkCharacterTakesTwoCellsAndACombiningAccentNone() {
        assertThat(TextWidth.of("報告書.pdf")).isEqualTo(10);
        assertThat(TextWidth.of("e\u0301t\u00e9")).isEqualTo(3);
        assertThat(TextWidth.of("\uD83D\uDCF7")).isEqualTo(2);
    }

    @Test
    void cuttingNeverSplitsAWideCharacterAndEndsWithAnEllipsis() {
        assertThat(TextWidth.cut("報告書-final.pdf", 6)).isEqualTo("報告…");
        assertThat(TextWidth.cut("報告書-final.pdf", 5)).isEqualTo("報告…");
        assertThat(TextWidth.cut("short", 10)).isEqualTo("short");
    }

    @Test
    void fittingPadsToExactlyTheCells() {
        assertThat(TextWidth.fit("報告", 6)).isEqualTo("報告  ");
        assertThat(TextWidth.of(TextWidth.fit("報告書-final.pdf", 7))).isEqualTo(7);
    }
}
