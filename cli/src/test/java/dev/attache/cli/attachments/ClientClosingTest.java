package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.client.AttachmentGid;
import dev.attache.client.AttachmentsApi;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

/**
 * Every command that talks to the server closes the client it built, so its worker threads and
 * HTTP client end with the command instead of whenever the JVM does. A closed client fails new
 * calls with {@link IllegalStateException}; an open one would answer them.
 */
@ExtendWith(AttacheExtension.class)
class ClientClosingTest {

    @TempDir
    Path dir;

    private final AttacheServer server;
    private final ServerCalls calls;
    private final List<AttachmentsApi> built = new ArrayList<>();
    private final Cli cli;
    private String task;
    private String gid;

    ClientClosingTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
        this.cli = new Cli(server).connectingWith(connection -> {
            AttachmentsApi api = Connector.http().open(connection);
            built.add(api);
            return api;
        });
    }

    @BeforeEach
    void upload() {
        task = server.createTask("t").value();
        gid = calls.upload(task, "plan.txt", new byte[5]);
    }

    @AfterEach
    void closeWhatTheTestLeftOpen() {
        built.forEach(AttachmentsApi::close);
    }

    @Test
    void getClosesItsClient() {
        cli.ok("get", gid);

        assertAllClosed();
    }

    @Test
    void getOfAMissingAttachmentStillClosesItsClient() {
        assertThat(cli.run("get", "12345").exitCode()).isEqualTo(3);

        assertAllClosed();
    }

    @Test
    void listClosesItsClient() {
        cli.ok("ls", "--parent", task);

        assertAllClosed();
    }

    @Test
    void uploadClosesItsClient() throws Exception {
        Path file = Files.write(dir.resolve("notes.txt"), new byte[3]);

        cli.ok("upload", "--parent", task, file.toString());

        assertAllClosed();
    }

    @Test
    void linkClosesItsClient() {
        cli.ok("link", "--parent", task, "--url", "https://example.com/spec", "--name", "spec");

        assertAllClosed();
    }

    @Test
    void downloadClosesItsClient() {
        cli.ok("download", gid, "-o", dir.resolve("out.txt").toString());

        assertAllClosed();
    }

    @Test
    void exportClosesItsClient() {
        cli.ok("export", "--parent", task, "--dir", dir.resolve("export").toString());

        assertAllClosed();
    }

    @Test
    void removeClosesItsClient() {
        cli.ok("rm", gid, "--yes");

        assertAllClosed();
    }

    private void assertAllClosed() {
        assertThat(built).isNotEmpty();
        for (AttachmentsApi api : built) {
            CompletableFuture<?> call = api.getAttachment(AttachmentGid.of(gid));
            assertThat(call).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(IllegalStateException.class).withMessageContaining("closed");
        }
    }
}
