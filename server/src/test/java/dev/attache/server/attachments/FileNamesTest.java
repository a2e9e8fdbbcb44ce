package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** One class of name a client may send, and what is stored for it. */
    record Case(String kind, String sent, Optional<String> stored) {
        static Case of(String kind, String sent, String stored) {
            return new Case(kind, sent, Optional.ofNullable(stored));
        }

        @Override
        public String toString() {
            return kind + ": " + stored.map(n -> "stored as " + n.codePoints().mapToObj(Integer::toHexString).toList())
                    .orElse("no name");
        }
    }

    static Stream<Case> names() {
        return Stream.of(
                Case.of("plain ASCII", "report.pdf", "report.pdf"),
                Case.of("raw non-ASCII in the BMP", "résumé.pdf", "résumé.pdf"),
                Case.of("raw outside the BMP", "😀.txt", "😀.txt"),
                Case.of("percent-encoded outside the BMP", "%F0%9F%98%80.txt", "😀.txt"),
                Case.of("raw outside the BMP beside an escape", "😀 100%25.txt", "😀 100%.txt"),
                Case.of("escape of invalid UTF-8 is taken raw", "😀 %C3.txt", "😀 %C3.txt"),
                Case.of("malformed escape is taken raw", "😀 100%.txt", "😀 100%.txt"),
                Case.of("bidi override", "invoice\u202Efdp.exe", "invoicefdp.exe"),
                Case.of("percent-encoded bidi override", "invoice%E2%80%AEfdp.exe", "invoicefdp.exe"),
                Case.of("bidi isolates and marks", "a\u2066b\u2069c\u200Fd", "abcd"),
                Case.of("zero-width space and joiner", "a\u200Bb\u200Dc", "abc"),
                Case.of("byte order mark", "\uFEFFname.txt", "name.txt"),
                Case.of("soft hyphen", "in\u00ADvoice.pdf", "invoice.pdf"),
                Case.of("control characters", "a\u0000b\u001Fc\u007F\u0085d", "abcd"),
                Case.of("percent-encoded newline", "a%0Ab.txt", "ab.txt"),
                Case.of("line and paragraph separators", "a\u2028b\u2029c", "abc"),
                Case.of("directory part", "C:\\fakepath\\a.png", "a.png"),
                Case.of("only format characters", "\u202E\u200B", null));
    }

    @ParameterizedTest
    @MethodSource("names")
    void eachClassOfNameIsStoredAsExpected(Case c) {
        assertThat(FileNames.clean(c.sent())).isEqualTo(c.stored());
    }
}
