package dev.attache.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.cli.testing.ServerCalls;
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

    private static String gidOf(String token) {
        return token.substring(token.indexOf('/', 2) + 1, token.indexOf(':'));
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
