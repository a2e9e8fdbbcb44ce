package dev.attache.server.contract;

import static dev.attache.server.contract.ContractAssertions.assertMatchesDocument;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * The routes beside the attachments that the server offers so clients can find a workspace and make
 * parents (docs/api.md §6), checked against the operations Asana's document describes for them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryContractTest {

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

    @Test
    void theCurrentUserAnswersAsDocumented() {
        send(server.authorized(server.api("/users/me")).GET().build());
    }

    @Test
    void theWorkspacesAnswerAsDocumented() {
        send(server.authorized(server.api("/workspaces")).GET().build());
    }

    @Test
    void aNewTaskAnswersAsDocumented() {
        post("/tasks", "{\"data\":{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"Documented\"}}");
    }

    @Test
    void aNewProjectAnswersAsDocumented() {
        post("/projects", "{\"data\":{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"Documented\"}}");
    }

    @Test
    void aNewProjectBriefAnswersAsDocumented() {
        String project = server.createProject("Briefed");
        post("/projects/" + project + "/project_briefs", "{\"data\":{\"title\":\"Documented\"}}");
    }

    @Test
    void aTaskAnswersAsDocumented() {
        send(server.authorized(server.api("/tasks/" + server.createTask("Read"))).GET().build());
    }

    @Test
    void aProjectAnswersAsDocumented() {
        send(server.authorized(server.api("/projects/" + server.createProject("Read"))).GET().build());
    }

    @Test
    void aProjectBriefAnswersAsDocumented() {
        String brief = server.createBrief(server.createProject("Read"), "Read");
        send(server.authorized(server.api("/project_briefs/" + brief)).GET().build());
    }

    @Test
    void aDeletedTaskAnswersAsDocumented() {
        send(server.authorized(server.api("/tasks/" + server.createTask("Deleted"))).DELETE().build());
    }

    @Test
    void aDeletedProjectAnswersAsDocumented() {
        send(server.authorized(server.api("/projects/" + server.createProject("Deleted"))).DELETE().build());
    }

    @Test
    void aDeletedProjectBriefAnswersAsDocumented() {
        String brief = server.createBrief(server.createProject("Deleted"), "Deleted");
        send(server.authorized(server.api("/project_briefs/" + brief)).DELETE().build());
    }

    private void post(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = server.authorized(server.api(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        Reply reply = server.send(request);
        assertThat(reply.status()).as("POST %s: %s", path, reply.text()).isEqualTo(201);
        assertMatchesDocument(request, body, reply);
    }

    private void send(HttpRequest request) {
        Reply reply = server.send(request);
        assertThat(reply.status()).as("%s %s: %s", request.method(), request.uri(), reply.text()).isEqualTo(200);
        assertMatchesDocument(request, reply);
    }
}
