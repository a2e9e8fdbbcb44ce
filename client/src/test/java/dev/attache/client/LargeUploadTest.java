package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.client.testing.Fixture;
import dev.attache.client.testing.Recorded;
import dev.attache.client.testing.ScriptedServer;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeUploadTest {

    private static final long SIZE = 100L * 1024 * 1024;

    @Test
    void hundredMebibyteFileUploadsFromA32MegabyteHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("big.bin");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(SIZE);
        }
        try (ScriptedServer server = new ScriptedServer()) {
            server.enqueue(ex -> {
                ex.countBody();
                ex.respond(200, Map.of(), ("{\"data\":" + Fixture.attachmentJson("7", "big.bin") + "}")
                        .getBytes(StandardCharsets.UTF_8));
            });
            Process child = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                    "-cp", System.getProperty("java.class.path"), LargeUploadMain.class.getName(),
                    server.apiBase().toString(), Fixture.TOKEN, file.toString()))
                    .redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();

            assertThat(child.exitValue()).as(output).isZero();
            Recorded r = server.requests().get(0);
            assertThat(r.bodyLength()).isGreaterThan(SIZE);
            assertThat(r.header("Content-Length")).contains(String.valueOf(r.bodyLength()));
        }
    }
}
