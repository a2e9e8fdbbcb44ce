package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.RetryPolicy;

class ConnectionTest {

    private static final String BAD_TOKEN = "2/1/2:0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private TestServer server;
    private Cli cli;

    @BeforeEach
    void start() {
        server = new TestServer(dir.resolve("data"));
        cli = new Cli(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutATokenALoopbackServersDevTokenIsUsed() {
        String task = server.newTask();

        Cli.Run run = cli.runExactly("ls", "--parent", task, "--host", server.api(), "--data-dir", server.dataDir().toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void withoutATokenAndWithoutADevTokenTheCommandIsAUsageError() {
        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", server.api(), "--data-dir", dir.resolve("none").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No token");
    }

    @Test
    void theTokenFilesFirstLineIsTheToken() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), server.token() + "\n");

        Cli.Run run = cli.runExactly("ls", "--parent", server.newTask(), "--host", server.api(),
                "--data-dir", dir.resolve("none").toString(), "--token-file", file.toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aRefusedTokenExitsWithNotAuthorized() {
        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", server.api(), "--token", BAD_TOKEN);

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("attache: the token from --token was refused: Not Authorized");
    }

    @Test
    void anUnreachableServerExitsWithNetworkError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Cli.Run run = cli.connectingWith(withoutRetries())
                .runExactly("get", "1", "--host", "http://127.0.0.1:" + port + "/api/1.0", "--token", BAD_TOKEN);

        assertThat(run.exitCode()).isEqualTo(8);
    }

    @Test
    void verboseAddsTheRequestAndTheStackTrace() {
        Cli.Run run = cli.run("get", "12345", "--verbose");

        assertThat(run.err()).contains("GET /attachments/12345 -> 404");
        assertThat(run.err()).contains("\tat dev.attache.");
    }

    @Test
    void theTokenAppearsNowhereInVerboseOutputOfAFailure() {
        Cli.Run run = cli.run("get", "12345", "--verbose");

        assertThat(run.out() + run.err()).doesNotContain(server.token()).doesNotContain(tokenSecret());
    }

    @Test
    void theTokenAppearsNowhereInTheHelp() {
        Cli.Run run = cli.run("upload", "--help");

        assertThat(run.out() + run.err()).doesNotContain(tokenSecret());
    }

    @Test
    void theTokenAppearsNowhereInTheOutputOfAnUpload() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");

        Cli.Run run = cli.run("upload", "--parent", server.newTask(), "--json", "--verbose", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(tokenSecret());
    }

    /** The production client retries a refused connection with real backoff; a test need not wait for it. */
    private static Connector withoutRetries() {
        return c -> AttachmentsApi.builder().baseUri(c.baseUri()).token(c.token()).retry(RetryPolicy.none()).build();
    }

    private String tokenSecret() {
        String token = server.token();
        return token.substring(token.indexOf(':') + 1);
    }
}
