package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.testkit.AttacheServer;

class AdminScrubTest {

    @TempDir
    Path dir;

    /** Uploads one file through a running server, stops it, and returns the attachment's gid. */
    private String uploadThenStop(String content) throws Exception {
        try (AttacheServer server = AttacheServer.builder().dataDir(dir).start()) {
            AdminCli cli = new AdminCli(dir);
            String workspace = cli.ok("workspace", "create", "Design");
            String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com", "--workspace", workspace);
            String token = cli.ok("token", "create", "--user", user);
            String task = cli.ok("task", "create", "--workspace", workspace, "--name", "Plan");
            return new ServerCalls(server).upload(token, task, "notes.txt", content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Path onlyBlobFile() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("blobs/objects"))) {
            List<Path> blobs = files.filter(Files::isRegularFile).toList();
            assertThat(blobs).hasSize(1);
            return blobs.get(0);
        }
    }

    private static void flipFirstByte(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            bytes[0] ^= 0x01;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void scrubPassesOnACleanStore() throws Exception {
        uploadThenStop("hello");

        AdminCli.Run run = new AdminCli(dir).run("scrub");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Checked 1 attachment(s), 5 bytes: no damage.");
    }

    @Test
    void scrubNamesAnAttachmentWhoseBytesWereAltered() throws Exception {
        String attachment = uploadThenStop("hello");
        flipFirstByte(onlyBlobFile());

        AdminCli.Run run = new AdminCli(dir).run("scrub");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.out().lines()).anyMatch(line -> line.startsWith(attachment) && line.contains("notes.txt")
                && line.contains("wrong_hash"));
    }

    @Test
    void scrubReportsAnAttachmentWhoseBytesAreTruncated() throws Exception {
        String attachment = uploadThenStop("hello");
        Files.write(onlyBlobFile(), "hell".getBytes(StandardCharsets.UTF_8));

        JsonNode report = new ObjectMapper().readTree(new AdminCli(dir).run("scrub", "--json").out());

        assertThat(report.get("damage").get(0).get("attachment").asText()).isEqualTo(attachment);
        assertThat(report.get("damage").get(0).get("problem").asText()).isEqualTo("wrong_size");
    }

    @Test
    void scrubReportsAnAttachmentWhoseBytesAreMissing() throws Exception {
        String attachment = uploadThenStop("hello");
        Files.delete(onlyBlobFile());

        AdminCli.Run run = new AdminCli(dir).run("scrub", "--json");

        assertThat(run.exitCode()).isEqualTo(5);
        JsonNode damage = new ObjectMapper().readTree(run.out()).get("damage").get(0);
        assertThat(damage.get("attachment").asText()).isEqualTo(attachment);
        assertThat(damage.get("problem").asText()).isEqualTo("missing");
    }
}
