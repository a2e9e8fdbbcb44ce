package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void plainNameIsKept() {
        assertThat(FileNames.clean("report.pdf")).contains("report.pdf");
    }

    @Test
    void dotNamesAreNotNames() {
        assertThat(FileNames.clean("..")).isEmpty();
        assertThat(FileNames.clean("a/.")).isEmpty();
        assertThat(FileNames.clean("   ")).isEmpty();
    }

    @Test
    void percentDecodingNeedsValidUtf8() {
        assertThat(FileNames.percentDecoded("%C3%A9")).contains("é");
        assertThat(FileNames.percentDecoded("%C3")).isEmpty();
        assertThat(FileNames.percentDecoded("%ZZ")).isEmpty();
        assertThat(FileNames.percentDecoded("plain")).isEmpty();
    }

    @Test
    void plusSignStaysAPlusSign() {
        assertThat(FileNames.clean("a+b%20c.txt")).contains("a+b c.txt");
    }

    @Test
    void cuttingToTheLimitNeverSplitsACharacter() {
        String name = "😀".repeat(300);

        String cleaned = FileNames.clean(name).orElseThrow();

        assertThat(cleaned.codePointCount(0, cleaned.length())).isEqualTo(255);
    }
}
