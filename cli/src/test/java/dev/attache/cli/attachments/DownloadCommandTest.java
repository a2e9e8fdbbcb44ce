package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class DownloadCommandTest {

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
        out = dir.resolve("out");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadWritesTheBytesUnderTheServersFileName() throws Exception {
        byte[] content = TestServer.randomBytes(50_000);
        String gid = server.upload(task, "report.pdf", content);

        Cli.Run run = cli.ok("download", gid, "--dir", out.toString());

        assertThat(Files.readAllBytes(out.resolve("report.pdf"))).isEqualTo(content);
        assertThat(run.out()).isEqualTo("Downloaded " + gid + " to " + out.resolve("report.pdf") + "\n");
    }

    @Test
    void downloadContinuesAPartFileFetchingOnlyTheMissingBytes() throws Exception {
        byte[] content = TestServer.randomBytes(100_000);
        String gid = server.upload(task, "big.bin", content);
        Files.createDirectories(out);
        Files.write(out.resolve("big.bin.part"), Arrays.copyOf(content, 40_000));
        long servedBefore = server.downloadedBytes();

        Cli.Run run = cli.ok("download", gid, "--dir", out.toString());

        assertThat(server.downloadedBytes() - servedBefore).isEqualTo(60_000);
        assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(content);
        assertThat(out.resolve("big.bin.part")).doesNotExist();
        assertThat(run.out()).startsWith("Resumed " + gid);
    }

    @Test
    void downloadSkipsAnIdenticalExistingFile() throws Exception {
        byte[] content = TestServer.randomBytes(1000);
        String gid = server.upload(task, "same.bin", content);
        Files.createDirectories(out);
        Files.write(out.resolve("same.bin"), content);

        Cli.Run run = cli.ok("download", gid, "--dir", out.toString());

        assertThat(run.out()).startsWith("Skipped " + gid);
    }

    @Test
    void downloadKeepsADifferentFileOfTheSameSizeWithoutForce() throws Exception {
        String gid = server.upload(task, "notes.txt", "server!".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine!!!");

        Cli.Run run = cli.run("download", gid, "--dir", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--force");
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("mine!!!");
    }

    @Test
    void downloadKeepsADifferentFileOfAnotherSizeWithoutForce() throws Exception {
        String gid = server.upload(task, "notes.txt", "server".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "a much longer local file");

        Cli.Run run = cli.run("download", gid, "--dir", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("a much longer local file");
    }

    @Test
    void downloadWithForceReplacesADifferentFile() throws Exception {
        String gid = server.upload(task, "notes.txt", "server".getBytes(StandardCharsets.UTF_8));
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");

        cli.ok("download", gid, "--dir", out.toString(), "--force");

        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("server");
    }

    @Test
    void downloadOfSeveralWritesEachFile() throws Exception {
        String a = server.upload(task, "a.txt", "A".getBytes(StandardCharsets.UTF_8));
        String b = server.upload(task, "b.txt", "B".getBytes(StandardCharsets.UTF_8));

        cli.ok("download", a, b, "--dir", out.toString());

        assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("A");
        assertThat(Files.readString(out.resolve("b.txt"))).isEqualTo("B");
    }

    @Test
    void downloadOfTwoAttachmentsWithOneNameWritesTwoFiles() throws Exception {
        String a = server.upload(task, "same.txt", "first".getBytes(StandardCharsets.UTF_8));
        String b = server.upload(task, "same.txt", "second".getBytes(StandardCharsets.UTF_8));

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
}
