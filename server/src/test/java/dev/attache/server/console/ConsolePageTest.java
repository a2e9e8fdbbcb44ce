package dev.attache.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** The console's page and scripts come from the jar with locked-down headers; its one listing is gated like the API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolePageTest {

    @TempDir
    static Path dir;
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Reply get(String path) {
        return server.send(HttpRequest.newBuilder(server.root(path)).GET().build());
    }

    @Test
    void rootServesTheConsolePage() {
        Reply r = get("/");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.text()).contains("<title>Attaché console</title>", "/console/app.js");
    }

    @Test
    void pageMayLoadScriptsOnlyFromItsOwnOrigin() {
        Reply r = get("/");

        assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'", "default-src 'none'");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void scriptsAreServedAsJavaScriptModulesFromTheJar() {
        Reply r = get("/console/app.js");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/javascript");
        assertThat(r.text()).contains("import ");
    }

    @Test
    void aFileNotInTheConsoleIsNotFound() {
        Reply r = get("/console/..%2Fdb%2Fmigration%2FV1__schema.sql");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).isNotBlank();
    }

    @Test
    void parentListNeedsAuthentication() {
        assertThat(get("/console/api/workspaces/" + server.workspaceGid() + "/parents?type=task").status()).isEqualTo(401);
    }

    @Test
    void parentListShowsTheWorkspacesTasksNewestFirst() {
        String older = server.createTask("older");
        String newer = server.createTask("newer");

        Reply r = server.send(server.authorized(server.root("/console/api/workspaces/" + server.workspaceGid() + "/parents?type=task"))
                .GET().build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().findValuesAsText("gid")).containsSubsequence(newer, older);
    }

    @Test
    void parentListShowsProjectBriefs() {
        String brief = server.createBrief(server.createProject("with a brief"), "The brief");

        Reply r = server.send(server.authorized(server.root("/console/api/workspaces/" + server.workspaceGid() + "/parents?type=project_brief"))
                .GET().build());

        assertThat(r.data().findValuesAsText("gid")).contains(brief);
        assertThat(r.data().findValuesAsText("resource_type")).containsOnly("project_brief");
    }

    @Test
    void parentListOfAWorkspaceTheCallerIsNotInIsForbidden() {
        String other = Long.toString(server.app().admin().createWorkspace("elsewhere").gid());

        Reply r = server.send(server.authorized(server.root("/console/api/workspaces/" + other + "/parents?type=task")).GET().build());

        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void parentListRefusesAnUnknownType() {
        Reply r = server.send(server.authorized(server.root("/console/api/workspaces/" + server.workspaceGid() + "/parents?type=user"))
                .GET().build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).startsWith("type:");
    }
}
