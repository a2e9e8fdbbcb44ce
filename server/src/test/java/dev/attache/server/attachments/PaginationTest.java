package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** Keyset paging with signed offset tokens (docs/api.md §4, GET /attachments). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaginationTest {

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

    private String link(String parent, String name) {
        return server.upload("/attachments", Multipart.form().field("parent", parent).field("resource_subtype", "external")
                .field("url", "https://example.com/" + name).field("name", name)).data().get("gid").asText();
    }

    private List<String> names(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("name").asText()));
        return out;
    }

    private String withLinks(String taskName, int count) {
        String task = server.createTask(taskName);
        for (int i = 0; i < count; i++) {
            link(task, "a" + i);
        }
        return task;
    }

    @Test
    void pagesCoverEveryItemOldestFirst() {
        String task = withLinks("pages", 7);
        List<String> seen = new ArrayList<>();
        String path = "/attachments?parent=" + task + "&limit=3";
        int pages = 0;
        while (path != null) {
            Reply r = server.get(path);
            seen.addAll(names(r.data()));
            JsonNode next = r.json().get("next_page");
            path = next.isNull() ? null : next.get("path").asText();
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6");
    }

    @Test
    void nextPageCarriesOffsetPathAndUri() {
        String task = withLinks("nextpage", 2);

        JsonNode next = server.get("/attachments?parent=" + task + "&limit=1").json().get("next_page");

        String offset = next.get("offset").asText();
        assertThat(next.get("path").asText()).isEqualTo("/attachments?parent=" + task + "&limit=1&offset=" + offset);
        assertThat(next.get("uri").asText()).isEqualTo(server.app().apiBaseUri() + next.get("path").asText());
    }

    @Test
    void lastPageHasNullNextPage() {
        String task = withLinks("lastpage", 2);

        JsonNode body = server.get("/attachments?parent=" + task + "&limit=2").json();

        assertThat(body.has("next_page")).isTrue();
        assertThat(body.get("next_page").isNull()).isTrue();
    }

    @Test
    void limitOutsideOneToHundredIsRejected() {
        String task = server.createTask("limits");
        for (String limit : new String[] {"0", "101", "-1", "ten"}) {
            Reply r = server.get("/attachments?parent=" + task + "&limit=" + limit);

            assertThat(r.status()).as(limit).isEqualTo(400);
            assertThat(r.errorMessage()).as(limit).isEqualTo("limit: Must be between 1 and 100");
        }
    }

    @Test
    void itemsAddedBetweenPagesAreNeitherSkippedNorRepeated() {
        String task = withLinks("insert", 4);
        Reply first = server.get("/attachments?parent=" + task + "&limit=2");
        link(task, "late");

        Reply second = server.get(first.json().get("next_page").get("path").asText());
        Reply third = server.get(second.json().get("next_page").get("path").asText());

        assertThat(names(first.data())).containsExactly("a0", "a1");
        assertThat(names(second.data())).containsExactly("a2", "a3");
        assertThat(names(third.data())).containsExactly("late");
    }

    @Test
    void itemsDeletedBetweenPagesDoNotShiftTheRest() {
        String task = server.createTask("remove");
        List<String> gids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            gids.add(link(task, "d" + i));
        }
        Reply first = server.get("/attachments?parent=" + task + "&limit=2");
        server.delete("/attachments/" + gids.get(0));
        server.delete("/attachments/" + gids.get(2));

        Reply second = server.get(first.json().get("next_page").get("path").asText());

        assertThat(names(second.data())).containsExactly("d3", "d4");
    }

    @Test
    void tamperedOffsetIsRejected() {
        String task = withLinks("tamper", 2);
        String offset = server.get("/attachments?parent=" + task + "&limit=1").json().get("next_page").get("offset").asText();
        String tampered = (offset.charAt(0) == 'A' ? 'B' : 'A') + offset.substring(1);

        Reply r = server.get("/attachments?parent=" + task + "&limit=1&offset=" + tampered);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("offset: Your pagination token is invalid or has expired");
    }

    @Test
    void offsetForAnotherParentIsRejected() {
        String task = withLinks("mine", 2);
        String other = withLinks("other", 2);
        String offset = server.get("/attachments?parent=" + task + "&limit=1").json().get("next_page").get("offset").asText();

        Reply r = server.get("/attachments?parent=" + other + "&limit=1&offset=" + offset);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("offset: Your pagination token is invalid or has expired");
    }

    @Test
    void offsetIssuedToAnotherUserIsRejected() {
        String task = withLinks("shared", 2);
        String offset = server.get("/attachments?parent=" + task + "&limit=1").json().get("next_page").get("offset").asText();
        var admin = server.app().admin();
        long colleague = admin.createUser("Colleague", "colleague@example.com").gid();
        admin.addMember(Long.parseLong(server.workspaceGid()), colleague);
        String token = admin.issueToken(colleague, TokenKind.PERSONAL, Scope.all(), "t").token();

        Reply r = server.send(HttpRequest.newBuilder(server.api("/attachments?parent=" + task + "&limit=1&offset=" + offset))
                .header("Authorization", "Bearer " + token).GET().build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("offset: Your pagination token is invalid or has expired");
    }

    @Test
    void moreThanAThousandItemsWithoutLimitAskForPagination() {
        String task = withLinks("huge", 1001);

        Reply r = server.get("/attachments?parent=" + task);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("The result is too large. You should use pagination!");
    }

    @Test
    void legacyTaskListPagesWithItsOwnPath() {
        String task = withLinks("legacylist", 3);

        Reply first = server.get("/tasks/" + task + "/attachments?limit=2");
        String path = first.json().get("next_page").get("path").asText();
        Reply second = server.get(path);

        assertThat(path).startsWith("/tasks/" + task + "/attachments?limit=2&offset=");
        assertThat(names(first.data())).containsExactly("a0", "a1");
        assertThat(names(second.data())).containsExactly("a2");
    }

    @Test
    void nextPageKeepsTheRequestedOptFields() {
        String task = withLinks("keepfields", 2);

        String path = server.get("/attachments?parent=" + task + "&limit=1&opt_fields=host").json()
                .get("next_page").get("path").asText();
        JsonNode second = server.get(path).data().get(0);

        assertThat(second.properties().stream().map(Map.Entry::getKey).toList()).containsExactly("gid", "host");
    }
}
