package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.server.signing.Sha256;

class ExportCommandTest {

    @TempDir
    Path dir;

    private TestServer server;
    private Cli cli;
    private String task;
    private Path out;

    @BeforeEach
    void start() {
        server = new TestServer(dir.resolve("data"));
        cli = new Cli(server);
        task = server.newTask();
        out = dir.resolve("export");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void exportWritesEveryFileOfTheTask() throws Exception {
        server.upload(task, "a.bin", TestServer.randomBytes(10_000));
        server.upload(task, "b.bin", TestServer.randomBytes(20_000));

        cli.ok("export", "--parent", task, "--to", out.toString());

        assertThat(Files.readAllBytes(out.resolve("a.bin"))).isEqualTo(TestServer.randomBytes(10_000));
        assertThat(Files.readAllBytes(out.resolve("b.bin"))).isEqualTo(TestServer.randomBytes(20_000));
    }

    @Test
    void theManifestsHashesAndSizesMatchTheFiles() throws Exception {
        String a = server.upload(task, "a.bin", TestServer.randomBytes(10_000));
        server.upload(task, "b.bin", TestServer.randomBytes(20_000));

        cli.ok("export", "--parent", task, "--to", out.toString());

        JsonNode files = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("attachments");
        assertThat(files).hasSize(2);
        assertThat(files.get(0).get("gid").asText()).isEqualTo(a);
        assertThat(files.get(0).get("name").asText()).isEqualTo("a.bin");
        assertThat(files.get(0).get("created_at").asText()).isNotBlank();
        for (JsonNode f : files) {
            Path file = out.resolve(f.get("file").asText());
            assertThat(f.get("sha256").asText()).isEqualTo(Sha256.of(file));
            assertThat(f.get("size").asLong()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void aRerunAfterAnInterruptionFetchesOnlyWhatIsMissingOrIncomplete() throws Exception {
        server.upload(task, "done.bin", TestServer.randomBytes(30_000));
        server.upload(task, "half.bin", TestServer.randomBytes(40_000));
        server.upload(task, "missing.bin", TestServer.randomBytes(50_000));
        Files.createDirectories(out);
        Files.write(out.resolve("done.bin"), TestServer.randomBytes(30_000));
        Files.write(out.resolve("half.bin.part"), Arrays.copyOf(TestServer.randomBytes(40_000), 15_000));
        long servedBefore = server.downloadedBytes();

        cli.ok("export", "--parent", task, "--to", out.toString());

        assertThat(server.downloadedBytes() - servedBefore).isEqualTo(25_000 + 50_000);
        assertThat(Files.readAllBytes(out.resolve("half.bin"))).isEqualTo(TestServer.randomBytes(40_000));
        assertThat(Files.readAllBytes(out.resolve("missing.bin"))).isEqualTo(TestServer.randomBytes(50_000));
    }

    @Test
    void aSecondRunFetchesNothing() throws Exception {
        server.upload(task, "a.bin", TestServer.randomBytes(10_000));
        cli.ok("export", "--parent", task, "--to", out.toString());
        long servedBefore = server.downloadedBytes();

        Cli.Run run = cli.ok("export", "--parent", task, "--to", out.toString());

        assertThat(server.downloadedBytes()).isEqualTo(servedBefore);
        assertThat(run.out()).contains("0 fetched, 1 already there");
    }

    @Test
    void attachmentsWithTheSameNameGetDistinctFiles() throws Exception {
        server.upload(task, "report.pdf", TestServer.randomBytes(100));
        String second = server.upload(task, "report.pdf", TestServer.randomBytes(200));

        cli.ok("export", "--parent", task, "--to", out.toString());

        assertThat(Files.readAllBytes(out.resolve("report.pdf"))).isEqualTo(TestServer.randomBytes(100));
        assertThat(Files.readAllBytes(out.resolve("report (" + second + ").pdf"))).isEqualTo(TestServer.randomBytes(200));
    }

    @Test
    void exportOfAnUnknownParentExitsWithNotFound() {
        Cli.Run run = cli.run("export", "--parent", "999999999", "--to", out.toString());

        assertThat(run.exitCode()).isEqualTo(3);
    }
}
