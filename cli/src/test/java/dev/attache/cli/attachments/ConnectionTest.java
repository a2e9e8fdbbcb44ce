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
        String task = server.createTask("t").value();

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

        Cli.Run run = cli.runExactly("ls", "--parent", server.createTask("t").value(), "--host", server.apiBaseUri().toString(),
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

        Cli.Run run = cli.run("upload", "--parent", server.createTask("t").value(), "--json", "--verbose", file.toString());

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
    void aMissingTokenFileIsAUsageErrorNamingTheFlag() {
        Path missing = dir.resolve("no-such-token");

        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", server.apiBaseUri().toString(),
                "--token-file", missing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("attache: --token-file " + missing + " cannot be read: no such file or directory.\n");
    }

    @Test
    void aRefusedTokenSaysWhereToGetANewOne() {
        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", server.apiBaseUri().toString(), "--token", BAD_TOKEN);

        assertThat(run.err()).contains("get a new one: on the Attaché server's machine 'attache admin token create --user GID'");
    }

    @Test
    void aRefusedLoopbackConnectionFailsWithoutRetrying() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", "127.0.0.1:" + port, "--token", BAD_TOKEN);

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).contains("(connection refused); is the server running?").doesNotContain("retrying");
    }

    @Test
    void anUnresolvableHostSaysTheNameDoesNotResolve() {
        Cli.Run run = cli.runExactly("ls", "--parent", "1", "--host", "http://no-such-host.invalid:8080", "--token", BAD_TOKEN);

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.err()).startsWith("attache: cannot reach http://no-such-host.invalid:8080/api/1.0: the host name "
                + "no-such-host.invalid does not resolve").doesNotContain("retrying");
    }

    @Test
    void eachRetryIsAnnouncedOnStandardError() throws Exception {
        try (java.net.ServerSocket hangsUp = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                while (!hangsUp.isClosed()) {
                    try {
                        hangsUp.accept().close();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();

            Cli.Run run = cli.connectingWith(quickRetries())
                    .runExactly("get", "1", "--host", "127.0.0.1:" + hangsUp.getLocalPort(), "--token", BAD_TOKEN);

            assertThat(run.exitCode()).isEqualTo(8);
            assertThat(run.err()).contains("attache: GET /attachments/1 failed; retrying in 0.0 s (attempt 2 of 5)…\n")
                    .contains("(attempt 3 of 5)…");
        }
    }

    @Test
    void hostAsHostAndPortReachesTheApi() {
        String task = server.createTask("t").value();
        String hostAndPort = java.net.URI.create(server.apiBaseUri().toString()).getAuthority();

        Cli.Run run = cli.runExactly("ls", "--parent", task, "--host", hostAndPort, "--token", server.token());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void hostAsTheServerRootReachesTheApi() {
        String task = server.createTask("t").value();
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

    /** Retries at once, telling the command's listener, so a test sees the notices without waiting. */
    private static Connector quickRetries() {
        return new Connector() {
            @Override
            public AttachmentsApi open(Connection c) {
                return open(c, dev.attache.client.CallListener.none());
            }

            @Override
            public AttachmentsApi open(Connection c, dev.attache.client.CallListener listener) {
                return AttachmentsApi.builder().baseUri(c.baseUri()).token(c.token()).listener(listener)
                        .retry(new RetryPolicy(3, java.time.Duration.ZERO, java.time.Duration.ZERO,
                                java.time.Duration.ofMinutes(1)))
                        .build();
            }
        };
    }

    private String tokenSecret() {
        String token = server.token();
        return token.substring(token.indexOf(':') + 1);
    }
}
