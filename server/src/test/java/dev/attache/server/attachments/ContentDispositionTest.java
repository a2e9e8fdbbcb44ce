package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void readsNameAndFilename() {
        ContentDisposition d = ContentDisposition.parse("form-data; name=\"file\"; filename=\"a b.png\"");

        assertThat(d.name()).contains("file");
        assertThat(d.filename()).contains("a b.png");
    }

    @Test
    void escapedQuoteInsideQuotesIsAQuote() {
        assertThat(ContentDisposition.parse("form-data; name=\"file\"; filename=\"say \\\"hi\\\".txt\"").filename())
                .contains("say \"hi\".txt");
    }

    @Test
    void unquotedValuesAreRead() {
        assertThat(ContentDisposition.parse("form-data; name=file; filename=x.txt").filename()).contains("x.txt");
    }

    @Test
    void extendedFilenameWins() {
        assertThat(ContentDisposition.parse("form-data; name=\"file\"; filename=\"x\"; filename*=UTF-8''%E2%9C%93.txt").filename())
                .contains("✓.txt");
    }

    @Test
    void brokenExtendedFilenameFallsBackToFilename() {
        assertThat(ContentDisposition.parse("form-data; name=\"file\"; filename=\"x.txt\"; filename*=nonsense").filename())
                .contains("x.txt");
    }

    @Test
    void noFilenameMeansNoFilename() {
        ContentDisposition d = ContentDisposition.parse("form-data; name=\"parent\"");

        assertThat(d.hasFilename()).isFalse();
        assertThat(d.filename()).isEmpty();
    }
}
