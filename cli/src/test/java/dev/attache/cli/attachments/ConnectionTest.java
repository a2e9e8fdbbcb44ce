package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.client.AttachmentsApi;
import dev.attache.client.RetryPolicy;

import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class ConnectionTest {

    private static final String BAD_TOKEN = "2/1/2:0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private final AttacheServer server;
    private final Cli cli;

    ConnectionTest(AttacheServer server) {
        this.server = server;
        this.cli = new Cli(server);
    }

    @Test
    void withoutATokenALoopbackServersDevTokenIsUsed() {
        String task = server.createTask("t");

        Cli.Run run = cli.runExactly("ls", "--parent", task, "--host", server.apiBaseUri().toString(), "--data-dir", server.dataDir().toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void withoutATokenAndWithoutADevTokenTheCommandIsAUsageError() {
        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", server.apiBaseUri().toString(), "--data-dir", dir.resolve("none").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No token");
    }

    @Test
    void theTokenFilesFirstLineIsTheToken() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), server.token() + "\n");

        Cli.Run run = cli.runExactly("ls", "--parent", server.createTask("t"), "--host", server.apiBaseUri().toString(),
                "--data-dir", dir.resolve("none").toString(), "--token-file", file.toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aRefusedTokenExitsWithNotAuthorized() {
        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", server.apiBaseUri().toString(), "--token", BAD_TOKEN);

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

        Cli.Run run = cli.run("upload", "--parent", server.createTask("t"), "--json", "--verbose", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(tokenSecret());
    }

    @Test
    void anUnreachableServerIsNamedWithAHintToStartOne() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Cli.Run run = cli.connectingWith(withoutRetries())
                .runExactly("ls", "--parent", "1", "--host", "127.0.0.1:" + port, "--token", BAD_TOKEN);

        assertThat(run.err()).isEqualTo("attache: cannot reach http://127.0.0.1:" + port + "/api/1.0 (connection refused); "
                + "is the server running? Start one with 'attache serve', or point --host at another\n");
    }

    @Test
    void hostAsHostAndPortReachesTheApi() {
        String task = server.createTask("t");
        String hostAndPort = java.net.URI.create(server.apiBaseUri().toString()).getAuthority();

        Cli.Run run = cli.runExactly("ls", "--parent", task, "--host", hostAndPort, "--token", server.token());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void hostAsTheServerRootReachesTheApi() {
        String task = server.createTask("t");
        String root = server.apiBaseUri().toString().replace("/api/1.0", "");

        Cli.Run run = cli.runExactly("ls", "--parent", task, "--host", root, "--token", server.token());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void aMalformedHostIsAUsageErrorInPlainWords() {
        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", "http://[bad", "--token", BAD_TOKEN);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("attache: --host 'http://[bad' is neither a URL").doesNotContain("Exception");
    }

    @Test
    void aRefusedTokenFromTheEnvironmentIsNamedTogetherWithTheDevTokenItHid() {
        Cli.Run run = cli.withEnv("ASANA_ACCESS_TOKEN", BAD_TOKEN)
                .runExactly("ls", "--parent", "1", "--host", server.apiBaseUri().toString(), "--data-dir", server.dataDir().toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("attache: the token from ASANA_ACCESS_TOKEN (it is used before "
                + server.dataDir().resolve("dev-token") + "; unset ASANA_ACCESS_TOKEN to use that) was refused");
    }

    @Test
    void aRefusedTokenFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), BAD_TOKEN + "\n");

        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", server.apiBaseUri().toString(), "--token-file", file.toString());

        assertThat(run.err()).startsWith("attache: the token from --token-file " + file + " was refused");
    }

    @Test
    void theDevTokenIsNamedWhenItIsRefused() throws Exception {
        Path data = Files.createDirectories(dir.resolve("other-data"));
        Files.writeString(data.resolve("dev-token"), BAD_TOKEN + "\n");

        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", server.apiBaseUri().toString(), "--data-dir", data.toString());

        assertThat(run.err()).startsWith("attache: the token from " + data.resolve("dev-token")
                + " (the local server's dev token) was refused");
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
