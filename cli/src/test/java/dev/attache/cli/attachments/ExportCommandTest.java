package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.server.signing.Sha256;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class ExportCommandTest {

    @TempDir
    Path dir;

    private final AttacheServer server;
    private final ServerCalls calls;
    private final Cli cli;
    private String task;
    private Path out;

    ExportCommandTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
        this.cli = new Cli(server);
    }

    @BeforeEach
    void start() {
        task = server.createTask("t").value();
        out = dir.resolve("export");
    }

    @Test
    void exportWritesEveryFileOfTheTask() throws Exception {
        calls.upload(task, "a.bin", ServerCalls.randomBytes(10_000));
        calls.upload(task, "b.bin", ServerCalls.randomBytes(20_000));

        cli.ok("export", "--parent", task, "--to", out.toString());

        assertThat(Files.readAllBytes(out.resolve("a.bin"))).isEqualTo(ServerCalls.randomBytes(10_000));
        assertThat(Files.readAllBytes(out.resolve("b.bin"))).isEqualTo(ServerCalls.randomBytes(20_000));
    }

    @Test
    void theManifestsHashesAndSizesMatchTheFiles() throws Exception {
        String a = calls.upload(task, "a.bin", ServerCalls.randomBytes(10_000));
        calls.upload(task, "b.bin", ServerCalls.randomBytes(20_000));

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
        calls.upload(task, "done.bin", ServerCalls.randomBytes(30_000));
        calls.upload(task, "half.bin", ServerCalls.randomBytes(40_000));
        calls.upload(task, "missing.bin", ServerCalls.randomBytes(50_000));
        Files.createDirectories(out);
        Files.write(out.resolve("done.bin"), ServerCalls.randomBytes(30_000));
        Files.write(out.resolve("half.bin.part"), Arrays.copyOf(ServerCalls.randomBytes(40_000), 15_000));
        long servedBefore = calls.downloadedBytes();

        cli.ok("export", "--parent", task, "--to", out.toString());

        assertThat(calls.downloadedBytes() - servedBefore).isEqualTo(25_000 + 50_000);
        assertThat(Files.readAllBytes(out.resolve("half.bin"))).isEqualTo(ServerCalls.randomBytes(40_000));
        assertThat(Files.readAllBytes(out.resolve("missing.bin"))).isEqualTo(ServerCalls.randomBytes(50_000));
    }

    @Test
    void aSecondRunFetchesNothing() throws Exception {
        calls.upload(task, "a.bin", ServerCalls.randomBytes(10_000));
        cli.ok("export", "--parent", task, "--to", out.toString());
        long servedBefore = calls.downloadedBytes();

        Cli.Run run = cli.ok("export", "--parent", task, "--to", out.toString());

        assertThat(calls.downloadedBytes()).isEqualTo(servedBefore);
        assertThat(run.out()).contains("0 fetched, 1 already there");
    }

    @Test
    void attachmentsWithTheSameNameGetDistinctFiles() throws Exception {
        calls.upload(task, "report.pdf", ServerCalls.randomBytes(100));
        String second = calls.upload(task, "report.pdf", ServerCalls.randomBytes(200));

        cli.ok("export", "--parent", task, "--to", out.toString());

        assertThat(Files.readAllBytes(out.resolve("report.pdf"))).isEqualTo(ServerCalls.randomBytes(100));
        assertThat(Files.readAllBytes(out.resolve("report (" + second + ").pdf"))).isEqualTo(ServerCalls.randomBytes(200));
    }

    @Test
    void exportOfAnUnknownParentExitsWithNotFound() {
        Cli.Run run = cli.run("export", "--parent", "999999999", "--to", out.toString());

        assertThat(run.exitCode()).isEqualTo(3);
    }
}
