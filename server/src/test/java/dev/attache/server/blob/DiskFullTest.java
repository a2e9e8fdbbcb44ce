package dev.attache.server.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.BlobFiles;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * A full disk: the client gets a 500 with an incident phrase and no path of ours, the operator a log line
 * that says "disk full" under that phrase, and nothing is kept (the test logger writes target/server-test.log).
 */
class DiskFullTest {

    private static final Path LOG = Path.of("target", "server-test.log");

    @TempDir
    Path dir;

    @Test
    void diskFullAnswerNamesNoPathAndTheLogLineSaysDiskFull() throws IOException {
        Path blobs = dir.resolve("blobs");
        Path partFile = blobs.resolve("tmp").resolve("0123456789abcdef0123456789abcdef.part");
        try (TestServer server = TestServer.start(dir, FailingBlobStore.diskFullAfter(FileBlobStore.open(blobs), 100_000, partFile))) {
            String task = server.createTask("disk full");

            Reply r = server.uploadFile(task, "big.bin", new byte[300_000]);

            assertThat(r.status()).isEqualTo(500);
            assertThat(r.text()).doesNotContain(dir.toString()).doesNotContain("blobs").doesNotContain(".part");
            String phrase = r.json().path("errors").path(0).path("phrase").asText();
            assertThat(logLineWith(phrase)).contains("disk full");
            assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
            assertThat(BlobFiles.all(dir)).isEmpty();
        }
    }

    private static String logLineWith(String phrase) throws IOException {
        return Files.readAllLines(LOG, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("[" + phrase + "]"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log line carries the phrase " + phrase));
    }
}
