package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.server.auth.AccessTokens;
import dev.attache.testkit.AttacheServer;

class AdminWithServerTest {

    @TempDir
    Path dir;

    private static String userWithToken(AdminCli cli) {
        String workspace = cli.ok("workspace", "create", "Design");
        String user = cli.ok("user", "create", "--name", "Ada", "--email", "ada@example.com", "--workspace", workspace);
        return cli.ok("token", "create", "--user", user, "--name", "laptop");
    }

    /** A server on the data directory the admin commands work on. */
    private AttacheServer serve() {
        return AttacheServer.builder().dataDir(dir).start();
    }

    /** The token's gid, as {@code token revoke} takes it, read the way the server reads a token. */
    private static String gidOf(String token) {
        AccessTokens.Claim claim = AccessTokens.parse(token)
                .orElseThrow(() -> new AssertionError("token create printed no token of the server's shape"));
        return Long.toString(claim.tokenGid());
    }

    @Test
    void tokenCreatedWhileTheServerRunsIsAcceptedAtOnce() throws Exception {
        try (AttacheServer server = serve()) {
            String token = userWithToken(new AdminCli(dir));

            assertThat(new ServerCalls(server).usersMe(token)).isEqualTo(200);
        }
    }

    @Test
    void tokenRevokedWhileTheServerRunsIsRefusedOnTheNextRequest() throws Exception {
        try (AttacheServer server = serve()) {
            AdminCli cli = new AdminCli(dir);
            ServerCalls http = new ServerCalls(server);
            String token = userWithToken(cli);
            assertThat(http.usersMe(token)).isEqualTo(200);

            cli.ok("token", "revoke", gidOf(token));

            assertThat(http.usersMe(token)).isEqualTo(401);
        }
    }

    @Test
    void tokenUsedTwiceThenRevokedByAnotherProcessIsRefusedOnTheNextRequest() throws Exception {
        try (AttacheServer server = serve()) {
            ServerCalls http = new ServerCalls(server);
            String token = userWithToken(new AdminCli(dir));
            assertThat(http.usersMe(token)).isEqualTo(200);
            assertThat(http.usersMe(token)).as("answered from what the server remembers of the token").isEqualTo(200);

            assertThat(adminInItsOwnProcess("token", "revoke", gidOf(token))).isZero();

            assertThat(http.usersMe(token)).isEqualTo(401);
        }
    }

    /** Runs {@code attache admin <args> --data-dir <dir>} in a JVM of its own, as an operator would; its exit code. */
    private int adminInItsOwnProcess(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "admin"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("admin process finished").isTrue();
        return process.exitValue();
    }

    @Test
    void tokenCreatedOnAStoppedServersDataDirWorksAfterItStarts() throws Exception {
        serve().close();
        String token = userWithToken(new AdminCli(dir));

        try (AttacheServer server = serve()) {
            assertThat(new ServerCalls(server).usersMe(token)).isEqualTo(200);
        }
    }

    @Test
    void userListOnAStoppedServersDataDirShowsTheUserItSeeded() throws Exception {
        serve().close();

        String users = new AdminCli(dir).ok("user", "list", "--json");

        assertThat(new ObjectMapper().readTree(users.lines().findFirst().orElseThrow()).get("email").asText()).isEqualTo("dev@attache.local");
    }
}
