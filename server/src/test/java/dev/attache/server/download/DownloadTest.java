package dev.attache.server.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.admin.Admin;
import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.directory.User;
import dev.attache.server.directory.Workspace;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadTest {

    private static final byte[] CONTENT = "0123456789".getBytes(StandardCharsets.US_ASCII);

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
    void downloadUrlServesTheUploadedBytesWithoutAToken() {
        String task = server.createTask("download");
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        String url = server.uploadFile(task, "data.bin", content).data().get("download_url").asText();

        Reply r = anonymous(url, "GET");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
        assertThat(r.header("Content-Length")).isEqualTo("70000");
    }

    @Test
    void browserAcceptingGzipGetsTheExactBytes() {
        String task = server.createTask("gzip");
        byte[] content = "a".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        String url = server.uploadFile(task, "big.txt", content).data().get("download_url").asText();

        Reply r = server.send(request(url).header("Accept-Encoding", "gzip").GET().build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(r.body()).isEqualTo(content);
    }

    @Test
    void headGivesTheHeadersAndNoBody() {
        String task = server.createTask("head");
        String url = uploadDigits(task);

        Reply r = anonymous(url, "HEAD");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Length")).isEqualTo("10");
        assertThat(r.header("ETag")).isNotBlank();
        assertThat(r.header("Last-Modified")).isNotBlank();
        assertThat(r.body()).isEmpty();
    }

    @Test
    void rangeRequestReturnsPartialContent() {
        String task = server.createTask("range");
        String url = uploadDigits(task);

        Reply r = server.send(request(url).header("Range", "bytes=2-5").GET().build());

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes 2-5/10");
        assertThat(r.text()).isEqualTo("2345");
    }

    @Test
    void suffixRangeReturnsTheLastBytes() {
        String task = server.createTask("suffix");
        String url = uploadDigits(task);

        Reply r = server.send(request(url).header("Range", "bytes=-3").GET().build());

        assertThat(r.status()).isEqualTo(206);
        assertThat(r.header("Content-Range")).isEqualTo("bytes 7-9/10");
        assertThat(r.text()).isEqualTo("789");
    }

    @Test
    void rangeBeyondTheEndIsNotSatisfiable() {
        String task = server.createTask("beyond");
        String url = uploadDigits(task);

        Reply r = server.send(request(url).header("Range", "bytes=10-20").GET().build());

        assertThat(r.status()).isEqualTo(416);
        assertThat(r.header("Content-Range")).isEqualTo("bytes */10");
    }

    @Test
    void matchingIfNoneMatchGivesNotModified() {
        String task = server.createTask("etag");
        String url = uploadDigits(task);
        String etag = anonymous(url, "GET").header("ETag");

        Reply r = server.send(request(url).header("If-None-Match", etag).GET().build());

        assertThat(etag).isNotBlank();
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void contentDispositionCarriesTheUtf8NameAsFilenameStar() {
        String task = server.createTask("disposition");
        String name = "résumé \"final\".pdf";
        String encoded = "r%C3%A9sum%C3%A9%20%22final%22.pdf";
        Multipart form = Multipart.form().field("parent", task).part(
                "Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''" + encoded + "\r\nContent-Type: application/pdf",
                CONTENT);
        Reply created = server.upload("/attachments", form);

        Reply r = anonymous(created.data().get("download_url").asText(), "GET");

        assertThat(created.data().get("name").asText()).isEqualTo(name);
        assertThat(r.header("Content-Disposition")).startsWith("attachment;").contains("filename*=UTF-8''" + encoded);
    }

    @Test
    void filenameStarPercentEncodesEveryCharacterOutsideRfc8187AttrChar() {
        String task = server.createTask("attr-char");
        String name = "a*b'(1);~x.txt";
        Reply created = server.uploadFile(task, name, CONTENT);

        String disposition = anonymous(created.data().get("download_url").asText(), "GET").header("Content-Disposition");
        String value = disposition.substring(disposition.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());

        assertThat(created.data().get("name").asText()).isEqualTo(name);
        assertThat(value).matches("[A-Za-z0-9!#$&+.^_`|~%-]+");
        assertThat(URLDecoder.decode(value, StandardCharsets.UTF_8)).isEqualTo(name);
    }

    @Test
    void downloadsForbidContentSniffing() {
        String task = server.createTask("nosniff");
        String url = uploadDigits(task);

        Reply r = anonymous(url, "GET");

        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void uploadedHtmlIsNotServedAsHtml() {
        String task = server.createTask("html");
        byte[] page = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
        Reply created = server.upload("/attachments", Multipart.form().field("parent", task).file("x.html", "text/html", page));

        Reply r = anonymous(created.data().get("download_url").asText(), "GET");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).doesNotContainIgnoringCase("html");
        assertThat(r.body()).isEqualTo(page);
    }

    @Test
    void tamperedSignatureIsForbidden() {
        String task = server.createTask("tampered");
        String url = uploadDigits(task);
        int at = url.indexOf("signature=") + "signature=".length();
        char flipped = url.charAt(at) == 'A' ? 'B' : 'A';
        String tampered = url.substring(0, at) + flipped + url.substring(at + 1);

        Reply r = anonymous(tampered, "GET");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isNotBlank();
        assertThat(r.json().path("errors").path(0).path("help").asText()).isNotBlank();
    }

    @Test
    void deletedAttachmentsUrlIsNotFound() {
        String task = server.createTask("deleted");
        Reply created = server.uploadFile(task, "gone.txt", CONTENT);
        String url = created.data().get("download_url").asText();
        server.delete("/attachments/" + created.data().get("gid").asText());

        Reply r = anonymous(url, "GET");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).isNotBlank();
    }

    @Test
    void permanentUrlWithTokenRedirectsToAWorkingDownloadUrl() {
        String task = server.createTask("permanent");
        String permanent = server.uploadFile(task, "p.txt", CONTENT).data().get("permanent_url").asText();

        Reply redirect = server.send(server.authorized(URI.create(permanent)).GET().build());
        Reply bytes = anonymous(redirect.header("Location"), "GET");

        assertThat(redirect.status()).isEqualTo(302);
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo(CONTENT);
    }

    @Test
    void permanentUrlWithoutTokenIsForbidden() {
        String task = server.createTask("permanent-anon");
        String permanent = server.uploadFile(task, "p.txt", CONTENT).data().get("permanent_url").asText();

        Reply r = anonymous(permanent, "GET");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Location")).isNull();
    }

    @Test
    void permanentUrlOfAnotherWorkspacesAttachmentIsForbidden() {
        String task = server.createTask("permanent-foreign");
        String permanent = server.uploadFile(task, "p.txt", CONTENT).data().get("permanent_url").asText();
        Admin admin = server.app().admin();
        Workspace elsewhere = admin.createWorkspace("Elsewhere");
        User stranger = admin.createUser("Stranger", "stranger@example.com");
        admin.addMember(elsewhere.gid(), stranger.gid());
        String token = admin.issueToken(stranger.gid(), TokenKind.PERSONAL, Scope.all(), "stranger").token();

        Reply r = server.send(HttpRequest.newBuilder(URI.create(permanent)).header("Authorization", "Bearer " + token).GET().build());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Location")).isNull();
    }

    @Test
    void permanentUrlNeedsTheReadScope() {
        String task = server.createTask("permanent-scope");
        String permanent = server.uploadFile(task, "p.txt", CONTENT).data().get("permanent_url").asText();
        Admin admin = server.app().admin();
        String writeOnly = admin.issueToken(server.devUserGid(), TokenKind.OAUTH, Set.of(Scope.WRITE), "write only").token();

        Reply r = server.send(HttpRequest.newBuilder(URI.create(permanent)).header("Authorization", "Bearer " + writeOnly).GET().build());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("The following scopes must be present to fulfill this request: attachments:read");
        assertThat(r.header("Location")).isNull();
    }

    private String uploadDigits(String task) {
        Reply created = server.uploadFile(task, "digits.txt", CONTENT);
        assertThat(created.status()).isEqualTo(200);
        return created.data().get("download_url").asText();
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    }

    private Reply anonymous(String url, String method) {
        return server.send(request(url).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }
}
