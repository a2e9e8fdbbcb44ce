package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class DryRunTest {

    @TempDir
    Path dir;

    private final AttacheServer server;
    private final ServerCalls calls;
    private final Cli cli;
    private String task;

    DryRunTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
        this.cli = new Cli(server);
    }

    @BeforeEach
    void start() {
        task = server.createTask("t").value();
    }

    private long writes() {
        return calls.requests("POST") + calls.requests("PUT") + calls.requests("DELETE");
    }

    @Test
    void uploadDryRunSaysWhatItWouldUploadAndSendsNothing() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "aaa");
        Path tree = Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(tree.resolve("b.txt"), "bb");
        long before = writes();

        Cli.Run run = cli.ok("upload", "--parent", task, "--dry-run", "-r", a.toString(), dir.resolve("tree").toString());

        assertThat(run.lines()).containsExactly("Would upload " + a,
                "Would upload " + tree.resolve("b.txt") + " named sub\u2215b.txt");
        assertThat(run.err()).contains("dry run");
        assertThat(writes()).isEqualTo(before);
        assertThat(calls.names(task)).isEmpty();
    }

    @Test
    void uploadDryRunOfStandardInputReadsNothingAndSendsNothing() {
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[100]);
        long before = writes();

        Cli.Run run = new Cli(server).withStandardInput(in)
                .ok("upload", "--parent", task, "--dry-run", "--name", "n.bin", "-");

        assertThat(run.lines()).containsExactly("Would upload standard input named n.bin");
        assertThat(in.available()).isEqualTo(100);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void uploadDryRunExitsAsTheRealRunWouldWhenAFileCannotBeSent() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "aaa");
        long before = writes();

        Cli.Run run = cli.run("upload", "--parent", task, "--dry-run", a.toString(), dir.resolve("missing.txt").toString());

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.err()).contains("FAILED " + dir.resolve("missing.txt") + ": no such file");
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void uploadDryRunToAMissingParentFailsAsTheRealRunWould() throws Exception {
        Path a = Files.writeString(dir.resolve("a.txt"), "aaa");

        Cli.Run run = cli.run("upload", "--parent", "1204999999999999", "--dry-run", a.toString());

        assertThat(run.exitCode()).isEqualTo(3);
    }

    @Test
    void rmDryRunNamesWhatItWouldDeleteWithoutAskingAndDeletesNothing() {
        String gid = calls.upload(task, "plan.pdf", new byte[10]);
        long before = writes();

        Cli.Run run = cli.ok("rm", "--dry-run", gid);

        assertThat(run.lines()).containsExactly("Would delete " + gid + " (plan.pdf)");
        assertThat(calls.status(gid)).isEqualTo(200);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void rmDryRunOfAnUnknownGidExitsAsTheRealRunWould() {
        Cli.Run run = cli.run("rm", "--dry-run", "1205999999999999");

        assertThat(run.exitCode()).isEqualTo(3);
    }

    @Test
    void exportDryRunSaysWhatItWouldFetchAndWritesNothing() {
        String gid = calls.upload(task, "a.bin", ServerCalls.randomBytes(1000));
        Path out = dir.resolve("export");

        Cli.Run run = cli.ok("export", "--parent", task, "--dir", out.toString(), "--dry-run");

        assertThat(run.lines()).contains("Would download " + gid + " to " + out.resolve("a.bin"));
        assertThat(out).doesNotExist();
    }
}
