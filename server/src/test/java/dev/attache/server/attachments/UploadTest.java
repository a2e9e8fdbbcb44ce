package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
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
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadTest {

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

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Reply uploadWithDisposition(String task, String disposition) {
        return server.upload("/attachments", Multipart.form().field("parent", task)
                .part("Content-Disposition: form-data; name=\"file\"; " + disposition + "\r\nContent-Type: text/plain", utf8("x")));
    }

    @Test
    void uploadReturnsTheFullRecordWithTheFileName() {
        String task = server.createTask("upload");
        Reply r = server.uploadFile(task, "notes.txt", utf8("hello"));

        assertThat(r.status()).isEqualTo(200);
        JsonNode a = r.data();
        assertThat(a.get("name").asText()).isEqualTo("notes.txt");
        assertThat(a.get("resource_type").asText()).isEqualTo("attachment");
        assertThat(a.get("resource_subtype").asText()).isEqualTo("asana");
        assertThat(a.get("host").asText()).isEqualTo("asana");
        assertThat(a.get("parent").get("gid").asText()).isEqualTo(task);
        assertThat(a.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(a.get("permanent_url").asText()).endsWith("/app/asana/-/get_asset?asset_id=" + a.get("gid").asText());
        assertThat(a.get("view_url").asText()).isEqualTo(a.get("download_url").asText());
    }

    @Test
    void uploadedBytesDownloadIdenticallyWithTheirContentType() {
        String task = server.createTask("bytes");
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        Reply created = server.upload("/attachments", Multipart.form().field("parent", task).file("r.bin", "image/png", content));

        Reply download = server.send(HttpRequest.newBuilder(URI.create(created.data().get("download_url").asText())).build());

        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
    }

    @Test
    void uploadSentWithExpectContinueArrivesIntact() {
        String task = server.createTask("expect");
        byte[] content = new byte[2_000_000];
        new Random(11).nextBytes(content);
        Multipart form = Multipart.form().field("parent", task).file("e.bin", "application/octet-stream", content);

        Reply created = server.send(server.authorized(server.api("/attachments")).expectContinue(true)
                .header("Content-Type", form.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build());
        Reply download = server.send(HttpRequest.newBuilder(URI.create(created.data().get("download_url").asText())).build());

        assertThat(created.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
    }

    @Test
    void partsMayArriveInAnyOrder() {
        String task = server.createTask("order");
        Reply r = server.upload("/attachments", Multipart.form().file("late.txt", "text/plain", utf8("x")).field("parent", task));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("parent").get("gid").asText()).isEqualTo(task);
    }

    @Test
    void filenameStarWinsOverFilename() {
        String task = server.createTask("rfc5987");
        Reply r = uploadWithDisposition(task, "filename=\"resume.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.pdf");

        assertThat(r.data().get("name").asText()).isEqualTo("résumé \"final\".pdf");
    }

    @Test
    void percentEncodedFilenameIsDecoded() {
        String task = server.createTask("percent");
        Reply r = uploadWithDisposition(task, "filename=\"%E6%97%A5%E6%9C%AC.txt\"");

        assertThat(r.data().get("name").asText()).isEqualTo("日本.txt");
    }

    @Test
    void filenameThatIsNotValidPercentEncodingIsKeptAsSent() {
        String task = server.createTask("percent-literal");
        Reply r = uploadWithDisposition(task, "filename=\"100%.txt\"");

        assertThat(r.data().get("name").asText()).isEqualTo("100%.txt");
    }

    @Test
    void rawUtf8FilenameIsKept() {
        String task = server.createTask("raw");
        Reply r = uploadWithDisposition(task, "filename=\"Ünïcødé ✓.txt\"");

        assertThat(r.data().get("name").asText()).isEqualTo("Ünïcødé ✓.txt");
    }

    @Test
    void windowsDirectoryPartIsDropped() {
        String task = server.createTask("fakepath");
        Reply r = uploadWithDisposition(task, "filename=\"C:\\fakepath\\a.png\"");

        assertThat(r.data().get("name").asText()).isEqualTo("a.png");
    }

    @Test
    void relativeDirectoryPartIsDropped() {
        String task = server.createTask("dotdot");
        Reply r = uploadWithDisposition(task, "filename=\"../../etc/a.png\"");

        assertThat(r.data().get("name").asText()).isEqualTo("a.png");
    }

    @Test
    void controlCharactersAreRemovedFromTheName() {
        String task = server.createTask("control");
        Reply r = uploadWithDisposition(task, "filename*=UTF-8''a%07b%1Bc.txt");

        assertThat(r.data().get("name").asText()).isEqualTo("abc.txt");
    }

    @Test
    void longNamesAreCutTo255Characters() {
        String task = server.createTask("long");
        Reply r = uploadWithDisposition(task, "filename=\"" + "n".repeat(400) + "\"");

        assertThat(r.data().get("name").asText()).hasSize(255);
    }

    @Test
    void filePartWithoutFilenameIsNamedFromTheNameField() {
        String task = server.createTask("named");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("name", "from-field.txt")
                .part("Content-Disposition: form-data; name=\"file\"", utf8("x")));

        assertThat(r.data().get("name").asText()).isEqualTo("from-field.txt");
    }

    @Test
    void filePartWithoutAnyNameIsCalledFile() {
        String task = server.createTask("unnamed");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task)
                .part("Content-Disposition: form-data; name=\"file\"", utf8("x")));

        assertThat(r.data().get("name").asText()).isEqualTo("file");
    }

    @Test
    void optFieldsAsAFormFieldShapeTheResponse() {
        String task = server.createTask("form-fields");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("opt_fields", "name,size")
                .file("f.txt", "text/plain", utf8("12345")));

        assertThat(r.data().properties()).extracting(Map.Entry::getKey).containsExactly("gid", "name", "size");
        assertThat(r.data().get("size").asLong()).isEqualTo(5);
    }

    @Test
    void optFieldsInTheQueryShapeTheResponse() {
        String task = server.createTask("query-fields");
        Reply r = server.upload("/attachments?opt_fields=name", Multipart.form().field("parent", task)
                .file("f.txt", "text/plain", utf8("x")));

        assertThat(r.data().properties()).extracting(Map.Entry::getKey).containsExactly("gid", "name");
    }

    @Test
    void uploadWithoutParentIsRejected() {
        Reply r = server.upload("/attachments", Multipart.form().file("a.txt", "text/plain", new byte[] {1}));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("parent: Missing input");
    }

    @Test
    void malformedParentIsNotARecognizedId() {
        Reply r = server.upload("/attachments", Multipart.form().field("parent", "12ab").file("a.txt", "text/plain", new byte[] {1}));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("parent: Not a recognized ID: 12ab");
    }

    @Test
    void unknownParentIsNotFound() {
        Reply r = server.upload("/attachments", Multipart.form().field("parent", "999").file("a.txt", "text/plain", new byte[] {1}));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).isEqualTo("parent: Not a recognized ID: 999");
    }

    @Test
    void uploadWithoutFileIsRejected() {
        String task = server.createTask("nofile");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("file: Missing input");
    }

    @Test
    void unknownResourceSubtypeIsRejected() {
        String task = server.createTask("subtype");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "dropbox")
                .field("url", "https://example.com/").field("name", "x"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("resource_subtype: Must be one of asana, external");
    }

    @Test
    void bodyThatIsNotMultipartIsRejected() {
        Reply r = server.postJson("/attachments", "{\"data\":{}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("Request must be multipart/form-data");
    }

    @Test
    void garbageMultipartBodyIsRejected() {
        Reply r = server.send(server.authorized(server.api("/attachments"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("this is not multipart at all")).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("Malformed multipart body");
    }

    @Test
    void truncatedBodyIsRejectedAndLeavesNoBytes() {
        String task = server.createTask("truncated");
        int before = BlobFiles.all(dir).size();
        Multipart form = Multipart.form().field("parent", task).file("cut.bin", "application/octet-stream", new byte[50_000]);

        Reply r = server.send(server.authorized(server.api("/attachments")).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.buildTruncated())).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("Malformed multipart body");
        assertThat(BlobFiles.all(dir)).hasSize(before);
        assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
    }

    @Test
    void legacyTaskRouteUploadsToThatTask() {
        String task = server.createTask("legacy");
        Reply r = server.upload("/tasks/" + task + "/attachments", Multipart.form().file("l.txt", "text/plain", utf8("x")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("parent").get("gid").asText()).isEqualTo(task);
        assertThat(r.data().get("parent").get("resource_type").asText()).isEqualTo("task");
    }

    @Test
    void legacyTaskRouteRefusesAProject() {
        String project = server.createProject("not a task");
        Reply r = server.upload("/tasks/" + project + "/attachments", Multipart.form().file("l.txt", "text/plain", utf8("x")));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).isEqualTo("task: Not a recognized ID: " + project);
    }

    @Test
    void uploadsAttachToProjectsAndBriefs() {
        String project = server.createProject("p");
        String brief = server.createBrief(project, "b");

        Reply onProject = server.uploadFile(project, "p.txt", utf8("x"));
        Reply onBrief = server.uploadFile(brief, "b.txt", utf8("x"));

        assertThat(onProject.data().get("parent").get("resource_type").asText()).isEqualTo("project");
        assertThat(onProject.data().get("parent").get("resource_subtype").isNull()).isTrue();
        assertThat(onBrief.data().get("parent").get("resource_type").asText()).isEqualTo("project_brief");
        assertThat(onBrief.data().get("parent").get("name").asText()).isEqualTo("b");
    }

    @Test
    void externalLinkIsStoredWithItsUrl() {
        String task = server.createTask("link");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                .field("url", "https://example.com/doc").field("name", "Doc"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("resource_subtype").asText()).isEqualTo("external");
        assertThat(r.data().get("host").asText()).isEqualTo("external");
        assertThat(r.data().get("download_url").asText()).isEqualTo("https://example.com/doc");
        assertThat(r.data().get("view_url").asText()).isEqualTo("https://example.com/doc");
        assertThat(r.data().get("permanent_url").isNull()).isTrue();
        assertThat(r.data().get("name").asText()).isEqualTo("Doc");
    }

    @Test
    void externalLinkNeedsAUrl() {
        String task = server.createTask("nourl");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                .field("name", "Doc"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("url: Missing input");
    }

    @Test
    void externalLinkNeedsAName() {
        String task = server.createTask("noname");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                .field("url", "https://example.com/"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("name: Missing input");
    }

    @Test
    void externalLinkMustBeAnAbsoluteWebUrl() {
        String task = server.createTask("badurl");
        for (String url : new String[] {"ftp://example.com/a", "/relative/path", "javascript:alert(1)", "https://" + "a".repeat(2050)}) {
            Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                    .field("url", url).field("name", "x"));

            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.errorMessage()).as(url).isEqualTo("url: Must be an absolute http or https URL");
        }
    }

    @Test
    void externalLinkRefusesAFilePart() {
        String task = server.createTask("linkfile");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                .field("url", "https://example.com/").field("name", "x").file("f.txt", "text/plain", utf8("x")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("file: Not allowed for external attachments");
    }

    @Test
    void connectToAppIsRefusedForPersonalAccessTokens() {
        String task = server.createTask("connect-pat");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                .field("url", "https://example.com/").field("name", "x").field("connect_to_app", "true"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).startsWith("connect_to_app: ");
    }

    @Test
    void connectToAppIsRefusedForUploads() {
        String task = server.createTask("connect-upload");
        Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("connect_to_app", "true")
                .file("f.txt", "text/plain", utf8("x")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).startsWith("connect_to_app: ");
    }

    @Test
    void connectToAppWorksForAnOAuthTokenOnATask() {
        String task = server.createTask("connect-oauth");
        long user = server.app().admin().users().get(0).gid();
        String oauth = server.app().admin().issueToken(user, TokenKind.OAUTH, Set.of(Scope.READ, Scope.WRITE), "app").token();
        Multipart form = Multipart.form().field("parent", task).field("resource_subtype", "external")
                .field("url", "https://example.com/").field("name", "x").field("connect_to_app", "true");

        Reply r = server.send(HttpRequest.newBuilder(server.api("/attachments?opt_fields=connected_to_app"))
                .header("Authorization", "Bearer " + oauth).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("connected_to_app").asBoolean()).isTrue();
    }
}
