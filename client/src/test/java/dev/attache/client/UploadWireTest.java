package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.client.testing.Actions;
import dev.attache.client.testing.Fixture;
import dev.attache.client.testing.Recorded;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadWireTest {

    private final Fixture f = new Fixture();
    private final ParentGid task = ParentGid.of("42");

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private Recorded upload(Upload upload) {
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "x")));
        f.api().createAttachmentForObject(task, upload).join();
        return f.server.requests().get(0);
    }

    @Test
    void fileOfKnownSizeOverTheLimitIsRefusedBeforeAnyByteIsSent(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.bin");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(Upload.MAX_FILE_BYTES + 1); // sparse: no 100 MB written to disk
        }
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "x")));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> f.api().createAttachmentForObject(task, Upload.file(big)).join())
                .cause().isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("104857601 bytes").hasMessageContaining("(104857600 bytes)");
        assertThat(f.server.requests()).isEmpty();
    }

    @Test
    void streamOfKnownLengthOverTheLimitIsRefusedWithoutOpeningIt() {
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        Upload huge = Upload.stream("huge.bin", () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(new byte[0]);
        }, Upload.MAX_FILE_BYTES + 1);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> f.api().createAttachmentForObject(task, huge).join())
                .cause().isInstanceOf(PayloadTooLargeException.class);
        assertThat(opened).hasValue(0);
        assertThat(f.server.requests()).isEmpty();
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return m.group(1);
    }

    @Test
    void uploadSendsFilenameStarThatDecodesToTheNonAsciiName() {
        Recorded r = upload(Upload.bytes("résumé \"final\".pdf", new byte[] {1}));

        String star = group(r.bodyText(), "filename\\*=UTF-8''([^\\r;]+)");
        assertThat(URLDecoder.decode(star.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo("résumé \"final\".pdf");
    }

    @Test
    void uploadSendsAsciiOnlyFilenameThatPercentDecodesToTheName() {
        Recorded r = upload(Upload.bytes("résumé \"final\".pdf", new byte[] {1}));

        String plain = group(r.bodyText(), "filename=\"([^\"]*)\"");
        assertThat(plain).matches("[\\x20-\\x7e]+");
        assertThat(URLDecoder.decode(plain.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo("résumé \"final\".pdf");
    }

    @Test
    void uploadSendsParentSubtypeAndFileBytes() {
        Recorded r = upload(Upload.bytes("a.txt", "hello".getBytes(StandardCharsets.UTF_8)).withContentType("text/plain"));

        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/1.0/attachments");
        assertThat(r.header("Content-Type")).get().asString().startsWith("multipart/form-data; boundary=");
        assertThat(r.bodyText())
                .contains("name=\"parent\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n42\r\n")
                .contains("name=\"resource_subtype\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nasana\r\n")
                .contains("Content-Type: text/plain\r\n\r\nhello\r\n");
    }

    @Test
    void uploadSendsBearerToken() {
        Recorded r = upload(Upload.bytes("a.txt", new byte[] {1}));

        assertThat(r.header("Authorization")).contains("Bearer " + Fixture.TOKEN);
    }

    @Test
    void fileUploadSendsContentLength(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("data.bin"), new byte[1000]);

        Recorded r = upload(Upload.file(file));

        assertThat(r.header("Content-Length")).contains(String.valueOf(r.body().length));
        assertThat(r.header("Transfer-Encoding")).isEmpty();
    }

    @Test
    void streamSourceOpensAFileWithANewInputStreamLambda(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("data.bin"), "from a file".getBytes(StandardCharsets.UTF_8));

        Recorded r = upload(Upload.stream("data.bin", () -> Files.newInputStream(file), Files.size(file)));

        assertThat(r.bodyText()).contains("\r\n\r\nfrom a file\r\n");
    }

    @Test
    void streamSourceThatCannotOpenFailsTheUploadWithItsIOException(@TempDir Path dir) {
        Path missing = dir.resolve("missing.bin");
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "x")));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.api().createAttachmentForObject(task,
                        Upload.stream("missing.bin", () -> Files.newInputStream(missing), 3)).join())
                .hasRootCauseInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasStackTraceContaining("missing.bin");
    }

    @Test
    void fileUploadWithNameSendsThatNameInsteadOfThePaths(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("upload-7781.tmp"), new byte[] {1});

        Recorded r = upload(Upload.file(file).withName("Q3 report.pdf"));

        assertThat(r.bodyText()).contains("filename=\"Q3 report.pdf\"").doesNotContain("upload-7781");
    }

    @Test
    void oneShotUploadOfUnknownLengthIsSentChunked() {
        Recorded r = upload(Upload.oneShot("s.bin", new ByteArrayInputStream(new byte[] {1, 2, 3})));

        assertThat(r.header("Transfer-Encoding")).contains("chunked");
        assertThat(r.header("Content-Length")).isEmpty();
    }

    @Test
    void fileUploadFallsBackToOctetStreamForUnknownType(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("data.zzzunknown"), new byte[] {1});

        Recorded r = upload(Upload.file(file));

        assertThat(r.bodyText()).contains("Content-Type: application/octet-stream\r\n\r\n");
    }

    @Test
    void linkSendsExternalSubtypeUrlAndNameWithoutFilePart() {
        Recorded r = upload(Upload.link(URI.create("https://example.com/spec"), "Spec"));

        assertThat(r.bodyText())
                .contains("\r\n\r\nexternal\r\n")
                .contains("name=\"url\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nhttps://example.com/spec\r\n")
                .contains("name=\"name\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSpec\r\n")
                .doesNotContain("name=\"file\"");
    }

    @Test
    void connectedLinkAsksToConnectToTheApp() {
        Recorded r = upload(Upload.connectedLink(URI.create("https://example.com/x"), "X"));

        assertThat(r.bodyText()).contains("name=\"connect_to_app\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\ntrue\r\n");
    }

    @Test
    void deleteSendsDeleteToTheAttachmentPath() {
        f.server.enqueue(Actions.ok("{}"));

        f.api().deleteAttachment(AttachmentGid.of("7")).join();

        assertThat(f.server.requests()).extracting(Recorded::method, Recorded::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELETE", "/api/1.0/attachments/7"));
    }

    @Test
    void progressListenerReportsEveryByteOfTheFile() {
        long[] last = {0, 0};
        upload(Upload.bytes("a.bin", new byte[5000]).withProgress((bytes, total) -> {
            last[0] = bytes;
            last[1] = total;
        }));

        assertThat(last).containsExactly(5000, 5000);
    }

    @Test
    void uploadAsksForOptFieldsAndPrettyInTheQuery() {
        f.server.enqueue(Actions.ok(Fixture.attachmentJson("7", "x")));

        f.api().createAttachmentForObject(task, Upload.bytes("a", new byte[1]),
                Fields.of(Field.SIZE, Field.NAME).withPretty()).join();

        assertThat(f.server.requests().get(0).target())
                .isEqualTo("/api/1.0/attachments?opt_fields=name,size&opt_pretty=true");
    }
}
