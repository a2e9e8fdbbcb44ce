package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
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
class UploadTreeTest {

    @TempDir
    Path dir;

    private final AttacheServer server;
    private final ServerCalls calls;
    private final Cli cli;
    private String task;
    private Path tree;

    UploadTreeTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
        this.cli = new Cli(server);
    }

    @BeforeEach
    void start() throws Exception {
        task = server.createTask("t").value();
        tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("a.txt"), "a");
        Files.writeString(Files.createDirectories(tree.resolve("sub/deeper")).resolve("c.txt"), "ccc");
        Files.writeString(tree.resolve("sub/b.txt"), "bb");
    }

    @Test
    void eachFileIsNamedByItsPathBelowTheDirectory() {
        Cli.Run run = cli.ok("upload", "--parent", task, "-r", tree.toString());

        assertThat(calls.names(task)).containsExactlyInAnyOrder("a.txt", "sub\u2215b.txt", "sub\u2215deeper\u2215c.txt");
        assertThat(run.lines()).hasSize(3).allMatch(l -> l.startsWith("Uploaded " + tree + "/"));
        assertThat(run.out()).contains("Uploaded " + tree.resolve("sub/deeper/c.txt") + " as ");
    }

    @Test
    void skipExistingSkipsWhatAnEarlierTreeUploadStored() {
        cli.ok("upload", "--parent", task, "-r", tree.toString());

        Cli.Run again = cli.ok("upload", "--parent", task, "-r", "--skip-existing", tree.toString());

        assertThat(again.lines()).hasSize(3).allMatch(l -> l.startsWith("Skipped "));
        assertThat(calls.names(task)).hasSize(3);
    }

    @Test
    void aFileTheTreeCannotSendFailsAloneAndTheBatchExitsNine() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(tree.resolve("sub/big.bin").toFile(), "rw")) {
            big.setLength(100L * 1024 * 1024 + 1);
        }

        Cli.Run run = cli.run("upload", "--parent", task, "-r", tree.toString());

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.err()).contains("FAILED " + tree.resolve("sub/big.bin") + ": is 100.0 MiB");
        assertThat(calls.names(task)).containsExactlyInAnyOrder("a.txt", "sub\u2215b.txt", "sub\u2215deeper\u2215c.txt");
    }

    @Test
    void aDirectoryWithoutRecursiveIsRefusedWithAHintAtIt() {
        Cli.Run run = cli.run("upload", "--parent", task, tree.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("FAILED " + tree + ": is a directory; add -r");
        assertThat(calls.names(task)).isEmpty();
    }
}
