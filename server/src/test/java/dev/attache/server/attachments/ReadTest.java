package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.testing.BlobFiles;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** GET one, list, opt_fields, opt_pretty and DELETE (docs/api.md §1, §3, §4). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadTest {

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

    private String uploaded(String task) {
        return server.uploadFile(task, "f.txt", "12345".getBytes(StandardCharsets.UTF_8)).data().get("gid").asText();
    }

    private static List<String> keys(JsonNode node) {
        return node.properties().stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void getReturnsTheFullDefaultFields() {
        String gid = uploaded(server.createTask("full"));

        Reply r = server.get("/attachments/" + gid);

        assertThat(r.status()).isEqualTo(200);
        assertThat(keys(r.data())).containsExactlyInAnyOrder("gid", "resource_type", "created_at", "download_url", "host",
                "name", "parent", "permanent_url", "resource_subtype", "view_url");
        assertThat(keys(r.data().get("parent"))).containsExactlyInAnyOrder("gid", "resource_type", "name", "resource_subtype");
    }

    @Test
    void responsesAreJsonInUtf8() {
        String gid = uploaded(server.createTask("ctype"));

        String contentType = server.get("/attachments/" + gid).header("Content-Type");

        assertThat(contentType).isEqualTo("application/json; charset=UTF-8");
    }

    @Test
    void listReturnsCompactRecords() {
        String task = server.createTask("compact");
        uploaded(task);

        Reply r = server.get("/attachments?parent=" + task);

        assertThat(r.data()).hasSize(1);
        assertThat(keys(r.data().get(0))).containsExactly("gid", "resource_type", "name", "resource_subtype");
        assertThat(r.json().has("next_page")).isFalse();
    }

    @Test
    void optFieldsReturnsExactlyTheNamedFieldsPlusGid() {
        String gid = uploaded(server.createTask("named"));

        Reply r = server.get("/attachments/" + gid + "?opt_fields=name,created_at");

        assertThat(keys(r.data())).containsExactly("gid", "name", "created_at");
    }

    @Test
    void optFieldsNamingAnObjectAloneReturnsItsGidAndType() {
        String task = server.createTask("object");
        String gid = uploaded(task);

        JsonNode parent = server.get("/attachments/" + gid + "?opt_fields=parent").data().get("parent");

        assertThat(keys(parent)).containsExactly("gid", "resource_type");
        assertThat(parent.get("gid").asText()).isEqualTo(task);
    }

    @Test
    void optFieldsDottedPathReturnsTheSubField() {
        String gid = uploaded(server.createTask("dotted"));

        JsonNode parent = server.get("/attachments/" + gid + "?opt_fields=parent.name").data().get("parent");

        assertThat(keys(parent)).containsExactly("gid", "name");
        assertThat(parent.get("name").asText()).isEqualTo("dotted");
    }

    @Test
    void optFieldsIgnoresThisPrefixAndUnknownNames() {
        String gid = uploaded(server.createTask("this"));

        Reply r = server.get("/attachments/" + gid + "?opt_fields=this.name,no_such_field");

        assertThat(keys(r.data())).containsExactly("gid", "name");
    }

    @Test
    void repeatedOptFieldsParametersAreOneList() {
        String gid = uploaded(server.createTask("repeat"));

        Reply r = server.get("/attachments/" + gid + "?opt_fields=name&opt_fields=size");

        assertThat(keys(r.data())).containsExactly("gid", "name", "size");
    }

    @Test
    void optInFieldsAreReturnedWhenNamed() {
        String task = server.createTask("optin");
        String gid = uploaded(task);
        long userGid = server.app().admin().users().get(0).gid();

        JsonNode a = server.get("/attachments/" + gid + "?opt_fields=size,connected_to_app,parent.created_by").data();

        assertThat(a.get("size").asLong()).isEqualTo(5);
        assertThat(a.has("connected_to_app")).as("connected_to_app is for external links only").isFalse();
        assertThat(a.get("parent").get("created_by").get("gid").asText()).isEqualTo(Long.toString(userGid));
        assertThat(a.get("parent").get("created_by").get("resource_type").asText()).isEqualTo("user");
    }

    @Test
    void optFieldsApplyToListItems() {
        String task = server.createTask("listfields");
        uploaded(task);

        Reply r = server.get("/attachments?parent=" + task + "&opt_fields=size,host");

        assertThat(keys(r.data().get(0))).containsExactly("gid", "size", "host");
    }

    @Test
    void optPrettyIndentsWithTwoSpaces() {
        String gid = uploaded(server.createTask("pretty"));

        String bare = server.get("/attachments/" + gid + "?opt_pretty").text();
        String explicit = server.get("/attachments/" + gid + "?opt_pretty=true").text();

        assertThat(bare).startsWith("{\n  \"data\": {\n    \"gid\"");
        assertThat(explicit).startsWith("{\n  \"data\": {\n    \"gid\"");
    }

    @Test
    void optPrettyFalseIsCompact() {
        String gid = uploaded(server.createTask("compactjson"));

        assertThat(server.get("/attachments/" + gid + "?opt_pretty=false").text()).doesNotContain("\n");
    }

    @Test
    void unknownAttachmentIsNotFound() {
        Reply r = server.get("/attachments/12345");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).isEqualTo("attachment: Not a recognized ID: 12345");
    }

    @Test
    void nonNumericAttachmentGidIsMalformed() {
        Reply r = server.get("/attachments/abc");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("attachment: Not a recognized ID: abc");
    }

    @Test
    void gidTooLongForAnyRecordIsNotFoundRatherThanAnError() {
        Reply r = server.get("/attachments/123456789012345678901234567890");

        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void deleteReturnsAnEmptyRecord() {
        String gid = uploaded(server.createTask("delete"));

        Reply r = server.delete("/attachments/" + gid);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"data\":{}}");
    }

    @Test
    void deletedAttachmentIsGoneEverywhereAtOnce() {
        String task = server.createTask("gone");
        Reply created = server.uploadFile(task, "g.txt", "bye".getBytes(StandardCharsets.UTF_8));
        String gid = created.data().get("gid").asText();
        String downloadUrl = created.data().get("download_url").asText();
        int filesBefore = BlobFiles.all(dir).size();

        server.delete("/attachments/" + gid);

        assertThat(server.get("/attachments/" + gid).status()).isEqualTo(404);
        assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
        assertThat(server.send(HttpRequest.newBuilder(URI.create(downloadUrl)).build()).status()).isEqualTo(404);
        assertThat(BlobFiles.all(dir)).hasSize(filesBefore - 1);
    }

    @Test
    void deletingTwiceIsNotFound() {
        String gid = uploaded(server.createTask("twice"));
        server.delete("/attachments/" + gid);

        assertThat(server.delete("/attachments/" + gid).status()).isEqualTo(404);
    }

    @Test
    void optFieldsOnDeleteIsIgnored() {
        String gid = uploaded(server.createTask("delfields"));

        Reply r = server.delete("/attachments/" + gid + "?opt_fields=name");

        assertThat(r.text()).isEqualTo("{\"data\":{}}");
    }

    @Test
    void listWithoutParentIsRejected() {
        Reply r = server.get("/attachments");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("parent: Missing input");
    }

    @Test
    void listOfUnknownParentIsNotFound() {
        Reply r = server.get("/attachments?parent=777");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).isEqualTo("parent: Not a recognized ID: 777");
    }

    @Test
    void asanaClientHeadersAreAccepted() {
        String gid = uploaded(server.createTask("headers"));

        Reply r = server.send(server.authorized(server.api("/attachments/" + gid))
                .header("X-Asana-Client-Lib", "language=Java&version=1.0.0")
                .header("Asana-Enable", "new_user_task_lists").header("Asana-Disable", "string_ids").GET().build());

        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void externalLinksShowConnectedToAppAndNoSize() {
        String task = server.createTask("ext");
        String gid = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                .field("url", "https://example.com/").field("name", "E")).data().get("gid").asText();

        JsonNode a = server.get("/attachments/" + gid + "?opt_fields=size,connected_to_app").data();

        assertThat(a.has("size")).as("size is for uploaded files only").isFalse();
        assertThat(a.get("connected_to_app").asBoolean()).isFalse();
    }
}
