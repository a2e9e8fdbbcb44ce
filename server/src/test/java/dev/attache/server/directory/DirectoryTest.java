package dev.attache.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.testing.BlobFiles;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryTest {

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
    void meDescribesTheUserAndTheirWorkspaces() {
        Reply r = server.get("/users/me");

        JsonNode me = r.data();
        assertThat(r.status()).isEqualTo(200);
        assertThat(me.get("gid").asText()).matches("[0-9]+");
        assertThat(me.get("resource_type").asText()).isEqualTo("user");
        assertThat(me.get("name").asText()).isNotBlank();
        assertThat(me.get("email").asText()).contains("@");
        JsonNode workspace = me.get("workspaces").get(0);
        assertThat(workspace.get("gid").asText()).matches("[0-9]+");
        assertThat(workspace.get("resource_type").asText()).isEqualTo("workspace");
        assertThat(workspace.get("name").asText()).isNotBlank();
    }

    @Test
    void workspacesListsOnlyTheUsersWorkspaces() {
        server.app().admin().createWorkspace("Not mine");

        Reply r = server.get("/workspaces");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).get("gid").asText()).isEqualTo(server.workspaceGid());
        assertThat(r.data().get(0).get("resource_type").asText()).isEqualTo("workspace");
    }

    @Test
    void createTaskAnswers201WithTheTask() {
        String workspace = server.workspaceGid();

        Reply r = server.postJson("/tasks", "{\"data\":{\"workspace\":\"" + workspace + "\",\"name\":\"Write tests\"}}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.data().get("gid").asText()).matches("[0-9]+");
        assertThat(r.data().get("resource_type").asText()).isEqualTo("task");
        assertThat(r.data().get("name").asText()).isEqualTo("Write tests");
        assertThat(r.data().get("workspace").get("gid").asText()).isEqualTo(workspace);
    }

    @Test
    void getTaskReturnsTheCreatedTask() {
        String task = server.createTask("Fetch me");

        Reply r = server.get("/tasks/" + task);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("gid").asText()).isEqualTo(task);
        assertThat(r.data().get("name").asText()).isEqualTo("Fetch me");
    }

    @Test
    void unknownTaskIsNotFound() {
        Reply r = server.get("/tasks/1234567890123");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).isEqualTo("task: Not a recognized ID: 1234567890123");
    }

    @Test
    void malformedTaskGidIsABadRequest() {
        Reply r = server.get("/tasks/12ab");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("task: Not a recognized ID: 12ab");
    }

    @Test
    void deletedTaskIsGone() {
        String task = server.createTask("Delete me");

        Reply r = server.delete("/tasks/" + task);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("data").isEmpty()).isTrue();
        assertThat(server.get("/tasks/" + task).status()).isEqualTo(404);
    }

    @Test
    void createProjectAnswers201AndCanBeFetched() {
        Reply created = server.postJson("/projects", "{\"data\":{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"Launch\"}}");
        String project = created.data().get("gid").asText();

        Reply r = server.get("/projects/" + project);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.data().get("resource_type").asText()).isEqualTo("project");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("name").asText()).isEqualTo("Launch");
    }

    @Test
    void deletedProjectIsGone() {
        String project = server.createProject("Short-lived");

        Reply r = server.delete("/projects/" + project);

        assertThat(r.status()).isEqualTo(200);
        assertThat(server.get("/projects/" + project).status()).isEqualTo(404);
    }

    @Test
    void createBriefAnswers201WithTitleTextAndProject() {
        String project = server.createProject("Briefed");

        Reply r = server.postJson("/projects/" + project + "/project_briefs", "{\"data\":{\"title\":\"Why\",\"text\":\"Because.\"}}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.data().get("resource_type").asText()).isEqualTo("project_brief");
        assertThat(r.data().get("title").asText()).isEqualTo("Why");
        assertThat(r.data().get("text").asText()).isEqualTo("Because.");
        assertThat(r.data().get("project").get("gid").asText()).isEqualTo(project);
    }

    @Test
    void getBriefReturnsTheCreatedBrief() {
        String brief = server.createBrief(server.createProject("Has brief"), "Read me");

        Reply r = server.get("/project_briefs/" + brief);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("gid").asText()).isEqualTo(brief);
        assertThat(r.data().get("title").asText()).isEqualTo("Read me");
    }

    @Test
    void deletedBriefIsGone() {
        String brief = server.createBrief(server.createProject("Loses brief"), "Gone");

        Reply r = server.delete("/project_briefs/" + brief);

        assertThat(r.status()).isEqualTo(200);
        assertThat(server.get("/project_briefs/" + brief).status()).isEqualTo(404);
    }

    @Test
    void deletingATaskDeletesItsAttachments() {
        String task = server.createTask("With files");
        String first = server.uploadFile(task, "a.txt", bytes("a")).data().get("gid").asText();
        String second = server.uploadFile(task, "b.txt", bytes("b")).data().get("gid").asText();

        server.delete("/tasks/" + task);

        assertThat(server.get("/attachments/" + first).status()).isEqualTo(404);
        assertThat(server.get("/attachments/" + second).status()).isEqualTo(404);
    }

    @Test
    void deletingATaskDeletesItsAttachmentsBytes() {
        String task = server.createTask("With bytes");
        Set<Path> before = new HashSet<>(BlobFiles.all(server.dataDir()));
        server.uploadFile(task, "a.txt", bytes("first file"));
        server.uploadFile(task, "b.txt", bytes("second file"));
        Set<Path> added = new HashSet<>(BlobFiles.all(server.dataDir()));
        added.removeAll(before);

        server.delete("/tasks/" + task);

        assertThat(added).hasSize(2);
        assertThat(BlobFiles.all(server.dataDir())).doesNotContainAnyElementsOf(added);
    }

    @Test
    void deletingAProjectDeletesItsBriefsAttachmentsAndBytes() {
        String project = server.createProject("Brief files");
        String brief = server.createBrief(project, "Spec");
        Set<Path> before = new HashSet<>(BlobFiles.all(server.dataDir()));
        String attachment = server.uploadFile(brief, "spec.txt", bytes("spec")).data().get("gid").asText();
        Set<Path> added = new HashSet<>(BlobFiles.all(server.dataDir()));
        added.removeAll(before);

        server.delete("/projects/" + project);

        assertThat(server.get("/attachments/" + attachment).status()).isEqualTo(404);
        assertThat(server.get("/project_briefs/" + brief).status()).isEqualTo(404);
        assertThat(added).hasSize(1);
        assertThat(BlobFiles.all(server.dataDir())).doesNotContainAnyElementsOf(added);
    }

    @Test
    void deletingATaskNeedsTheDeleteScopeBecauseItDeletesAttachments() {
        String task = server.createTask("Guarded");
        String attachment = server.uploadFile(task, "keep.txt", bytes("keep")).data().get("gid").asText();
        String readOnly = server.app().admin().issueToken(server.devUserGid(), TokenKind.OAUTH, Set.of(Scope.READ), "read only").token();

        Reply r = server.send(HttpRequest.newBuilder(server.api("/tasks/" + task))
                .header("Authorization", "Bearer " + readOnly).DELETE().build());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("The following scopes must be present to fulfill this request: attachments:delete");
        assertThat(server.get("/attachments/" + attachment).status()).isEqualTo(200);
    }

    @Test
    void taskNameWithANulCharacterIsRefusedOnEveryEngine() {
        Reply r = server.postJson("/tasks", "{\"data\":{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"a\\u0000b\"}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("name");
    }

    @Test
    void unwrappedBodyIsRejectedWithAHintToWrapIt() {
        Reply r = server.postJson("/tasks", "{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"x\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("data");
    }

    @Test
    void nonJsonBodyIsRejected() {
        Reply r = server.send(server.authorized(server.api("/tasks")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("workspace=1&name=x")).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isNotBlank();
    }

    @Test
    void taskInAnotherWorkspaceIsForbidden() {
        Workspace other = server.app().admin().createWorkspace("Elsewhere");
        User stranger = server.app().admin().createUser("Stranger", "stranger@example.com");
        server.app().admin().addMember(other.gid(), stranger.gid());
        Parent task = server.app().admin().createParent(ParentType.TASK, other.gid(), "Private", stranger.gid());

        Reply r = server.get("/tasks/" + task.gid());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("task: Forbidden");
    }

    @Test
    void creatingATaskInAnotherWorkspaceIsForbidden() {
        Workspace other = server.app().admin().createWorkspace("Closed");

        Reply r = server.postJson("/tasks", "{\"data\":{\"workspace\":\"" + other.gid() + "\",\"name\":\"x\"}}");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("workspace: Forbidden");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
