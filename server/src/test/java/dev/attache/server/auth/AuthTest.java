package dev.attache.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.admin.Admin;
import dev.attache.server.directory.ParentType;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** Tokens, scopes and workspace membership (docs/api.md §2). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthTest {

    @TempDir
    static Path dir;
    TestServer server;
    Admin admin;
    long devUser;

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
        admin = server.app().admin();
        devUser = admin.users().get(0).gid();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Reply getWith(String authorization, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.api(path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return server.send(b.build());
    }

    private String attachment() {
        return server.uploadFile(server.createTask("auth"), "a.txt", "a".getBytes(StandardCharsets.UTF_8)).data().get("gid").asText();
    }

    private String oauthToken(Scope... scopes) {
        return admin.issueToken(devUser, TokenKind.OAUTH, Set.of(scopes), "oauth").token();
    }

    @Test
    void missingTokenIsNotAuthorized() {
        Reply r = getWith(null, "/users/me");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorMessage()).isEqualTo("Not Authorized");
    }

    @Test
    void malformedTokenIsNotAuthorized() {
        assertThat(getWith("Bearer nonsense", "/users/me").status()).isEqualTo(401);
        assertThat(getWith("Basic " + server.token(), "/users/me").status()).isEqualTo(401);
    }

    @Test
    void unknownTokenOfTheRightShapeIsNotAuthorized() {
        String forged = "2/" + devUser + "/123456:" + "0".repeat(32);

        assertThat(getWith("Bearer " + forged, "/users/me").status()).isEqualTo(401);
    }

    @Test
    void tokenWithAWrongSecretIsNotAuthorized() {
        String real = server.token();
        String wrong = real.substring(0, real.length() - 1) + (real.endsWith("0") ? "1" : "0");

        assertThat(getWith("Bearer " + wrong, "/users/me").status()).isEqualTo(401);
    }

    @Test
    void revokedTokenIsRefusedAtOnce() {
        TokenStore.IssuedToken issued = admin.issueToken(devUser, TokenKind.PERSONAL, Scope.all(), "short-lived");
        assertThat(getWith("Bearer " + issued.token(), "/users/me").status()).isEqualTo(200);

        admin.revokeToken(issued.info().gid());

        assertThat(getWith("Bearer " + issued.token(), "/users/me").status()).isEqualTo(401);
    }

    @Test
    void readNeedsTheReadScope() {
        String gid = attachment();

        Reply r = getWith("Bearer " + oauthToken(Scope.WRITE), "/attachments/" + gid);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("The following scopes must be present to fulfill this request: attachments:read");
    }

    @Test
    void uploadNeedsTheWriteScope() {
        String task = server.createTask("scoped");
        Multipart form = Multipart.form().field("parent", task).file("a.txt", "text/plain", new byte[] {1});

        Reply r = server.send(HttpRequest.newBuilder(server.api("/attachments"))
                .header("Authorization", "Bearer " + oauthToken(Scope.READ)).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("The following scopes must be present to fulfill this request: attachments:write");
        assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
    }

    @Test
    void deleteNeedsTheDeleteScope() {
        String gid = attachment();

        Reply r = server.send(HttpRequest.newBuilder(server.api("/attachments/" + gid))
                .header("Authorization", "Bearer " + oauthToken(Scope.READ, Scope.WRITE)).DELETE().build());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("The following scopes must be present to fulfill this request: attachments:delete");
        assertThat(server.get("/attachments/" + gid).status()).isEqualTo(200);
    }

    @Test
    void defaultScopeGrantsEverything() {
        String gid = attachment();
        String token = oauthToken(Scope.parse("default").orElseThrow().toArray(Scope[]::new));

        assertThat(getWith("Bearer " + token, "/attachments/" + gid).status()).isEqualTo(200);
    }

    @Test
    void attachmentInAnotherWorkspaceIsForbidden() {
        long otherWorkspace = admin.createWorkspace("Elsewhere").gid();
        long stranger = admin.createUser("Stranger", "stranger@example.com").gid();
        admin.addMember(otherWorkspace, stranger);
        String strangerToken = admin.issueToken(stranger, TokenKind.PERSONAL, Scope.all(), "s").token();
        String gid = attachment();

        Reply r = getWith("Bearer " + strangerToken, "/attachments/" + gid);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("attachment: Forbidden");
    }

    @Test
    void listingAParentInAnotherWorkspaceIsForbidden() {
        long otherWorkspace = admin.createWorkspace("Hidden").gid();
        long hiddenTask = admin.createParent(ParentType.TASK, otherWorkspace, "secret", devUser).gid();

        Reply r = server.get("/attachments?parent=" + hiddenTask);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("parent: Forbidden");
    }

    @Test
    void uploadingToAParentInAnotherWorkspaceIsForbiddenAndStoresNothing() {
        long otherWorkspace = admin.createWorkspace("Closed").gid();
        long hiddenTask = admin.createParent(ParentType.TASK, otherWorkspace, "secret", devUser).gid();

        Reply r = server.uploadFile(Long.toString(hiddenTask), "x.txt", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).isEqualTo("parent: Forbidden");
    }

    @Test
    void tokenShapeMatchesAsanaPersonalAccessTokens() {
        assertThat(server.token()).matches("2/" + devUser + "/\\d+:[0-9a-f]{32}");
    }
}
