package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class DownloadCommandTest {

    @TempDir
    Path dir;

    private final AttacheServer server;
    private final ServerCalls calls;
    private final Cli cli;
    private String task;
    private Path out;

    DownloadCommandTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
        this.cli = new Cli(server);
    }

    @BeforeEach
    void start() {
        task = server.createTask("t").value();
        out = dir.resolve("out");
    }

    @Test
    void downloadWritesTheBytesUnderTheServersFileName() throws Exception {
        byte[] content = ServerCalls.randomBytes(50_000);
        String gid = calls.upload(task, "report.pdf", content);

        Cli.Run run = cli.ok("download", gid, "--dir", out.toString());

        assertThat(Files.readAllBytes(out.resolve("report.pdf"))).isEqualTo(content);
        assertThat(run.out()).isEqualTo("Downloaded " + gid + " to " + out.resolve("report.pdf") + "\n");
    }

    @Test
    void downloadContinuesAPartFileFetchingOnlyTheMissingBytes() throws Exception {
        byte[] content = ServerCalls.randomBytes(100_000);
        String gid = calls.upload(task, "big.bin", content);
        Files.createDirectories(out);
        Files.write(out.resolve("big.bin.part"), Arrays.copyOf(content, 40_000));
        long servedBefore = calls.downloadedBytes();

        Cli.Run run = cli.ok("download", gid, "--dir", out.toString());

        assertThat(calls.downloadedBytes() - servedBefore).isEqualTo(60_000);
        assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(content);
        assertThat(out.resolve("big.bin.part")).doesNotExist();
        assertThat(run.out()).startsWith("Resumed " + gid);
    }

    @Test
    void downloadSkipsAnIdenticalExistingFile() throws Exception {
        byte[] content = ServerCalls.randomBytes(1000);
        String gid = calls.upload(task, "same.bin", content);
        Files.createDirectories(out);
        Files.write(out.resolve("same.bin"), content);

        Cli.Run run = cli.ok("download", gid, "--dir", out.toString());

        assertThat(run.out()).startsWith("Skipped " + gid);
    }

    @Test
    void downloadKeepsADifferentFileOfTheSameSizeWithoutForce() throws Exception {
        String gid = calls.upload(task, "notes.txt", "server!".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine!!!");

        Cli.Run run = cli.run("download", gid, "--dir", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--force");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine!!!");
    }

    @Test
    void downloadKeepsADifferentFileOfAnotherSizeWithoutForce() throws Exception {
        String gid = calls.upload(task, "notes.txt", "server".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "a much longer local file");

        Cli.Run run = cli.run("download", gid, "--dir", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("a much longer local file");
    }

    @Test
    void downloadWithForceReplacesADifferentFile() throws Exception {
        String gid = calls.upload(task, "notes.txt", "server".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");

        cli.ok("download", gid, "--dir", out.toString(), "--force");

        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("server");
    }

    @Test
    void downloadOfSeveralWritesEachFile() throws Exception {
        String a = calls.upload(task, "a.txt", "A".getBytes(StandardCharsets.UTF_8));
        String b = calls.upload(task, "b.txt", "B".getBytes(StandardCharsets.UTF_8));

        cli.ok("download", a, b, "--dir", out.toString());

        assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("A");
        assertThat(Files.readString(out.resolve("b.txt"))).isEqualTo("B");
    }

    @Test
    void downloadOfTwoAttachmentsWithOneNameWritesTwoFiles() throws Exception {
        String a = calls.upload(task, "same.txt", "first".getBytes(StandardCharsets.UTF_8));
        String b = calls.upload(task, "same.txt", "second".getBytes(StandardCharsets.UTF_8));

        cli.ok("download", a, b, "--dir", out.toString());

        assertThat(Files.readString(out.resolve("same.txt"))).isEqualTo("first");
        assertThat(Files.readString(out.resolve("same (" + b + ").txt"))).isEqualTo("second");
    }

    @Test
    void downloadOfAMissingAttachmentExitsWithNotFound() {
        Cli.Run run = cli.run("download", "12345", "--dir", out.toString());

        assertThat(run.exitCode()).isEqualTo(3);
    }

    @Test
    void downloadOfALinkFailsWithoutWritingAFile() throws Exception {
        String link = cli.ok("link", "--parent", task, "--url", "https://example.com/x", "--name", "x", "--json").out();
        String gid = new ObjectMapper().readTree(link).get("gid").asText();

        Cli.Run run = cli.run("download", gid, "--dir", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is a link");
        assertThat(out.resolve("x")).doesNotExist();
    }

    @Test
    void downloadOfABadAndAGoodGidDownloadsTheGoodOneAndNamesTheBadOne() throws Exception {
        String good = calls.upload(task, "good.txt", "good".getBytes(StandardCharsets.UTF_8));

        Cli.Run run = cli.run("download", "12345", good, "--dir", out.toString());

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(Files.readString(out.resolve("good.txt"))).isEqualTo("good");
        assertThat(run.out()).isEqualTo("Downloaded " + good + " to " + out.resolve("good.txt") + "\n");
        assertThat(run.err()).contains("FAILED 12345: attachment: Not a recognized ID: 12345 (HTTP 404)");
    }

    @Test
    void downloadWithOutputFileWritesThatFile() throws Exception {
        String gid = calls.upload(task, "report.pdf", "pdf".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("mine.pdf");

        cli.ok("download", gid, "-o", file.toString());

        assertThat(file).isRegularFile();
        assertThat(Files.readString(file)).isEqualTo("pdf");
    }

    @Test
    void downloadWithOutputDashWritesStandardOutputAndNoFile() throws Exception {
        byte[] content = ServerCalls.randomBytes(5000);
        String gid = calls.upload(task, "report.pdf", content);

        Cli.Run run = cli.ok("download", gid, "-o", "-");

        assertThat(run.bytes()).isEqualTo(content);
        assertThat(run.out()).isEmpty();
        assertThat(Path.of("-")).doesNotExist();
    }

    @Test
    void downloadWithOutputEndingInSlashUsesTheExistingDirectory() throws Exception {
        String gid = calls.upload(task, "report.pdf", "pdf".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(out);

        cli.ok("download", gid, "-o", out + "/");

        assertThat(Files.readString(out.resolve("report.pdf"))).isEqualTo("pdf");
    }

    @Test
    void downloadWithOutputFileAndSeveralGidsIsAUsageError() {
        Cli.Run run = cli.run("download", "1", "2", "-o", dir.resolve("x").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("use --dir DIR");
    }

    @Test
    void aFileSystemFailureIsPlainWordsWithoutJavaNames() throws Exception {
        String gid = calls.upload(task, "report.pdf", "pdf".getBytes(StandardCharsets.UTF_8));
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");

        Cli.Run run = cli.run("download", gid, "-o", notADirectory.resolve("report.pdf").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not a directory").doesNotContain("java.").doesNotContain("Exception");
    }

    @Test
    void downloadJsonHasAnObjectPerGidIncludingFailures() throws Exception {
        String good = calls.upload(task, "good.txt", "good".getBytes(StandardCharsets.UTF_8));

        Cli.Run run = cli.run("download", good, "12345", "--dir", out.toString(), "--json");

        ObjectMapper json = new ObjectMapper();
        assertThat(run.lines()).hasSize(2);
        assertThat(run.lines().stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).map(n -> n.get("gid").asText() + (n.has("error") ? " failed" : " " + n.get("result").asText())))
                .containsExactlyInAnyOrder(good + " downloaded", "12345 failed");
    }
}
