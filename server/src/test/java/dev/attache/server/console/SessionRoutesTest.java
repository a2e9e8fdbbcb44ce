package dev.attache.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.auth.TokenKind;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** Signing in with a token, the session cookie, CSRF on state changes, revocation and sign-out, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionRoutesTest {

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

    /** A session as the browser holds it: the cookie, and the CSRF token the page keeps in memory. */
    record Session(String cookie, String csrf) {
    }

    private Reply signIn(String token) {
        return server.send(HttpRequest.newBuilder(server.root("/console/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"token\":\"" + token + "\"}}")).build());
    }

    private Session session(String token) {
        Reply r = signIn(token);
        assertThat(r.status()).isEqualTo(201);
        String setCookie = r.header("Set-Cookie");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Session(cookie, r.data().get("csrf_token").asText());
    }

    private String freshToken() {
        long user = server.app().admin().users().get(0).gid();
        return server.app().admin().issueToken(user, TokenKind.PERSONAL, java.util.Set.of(), "console").token();
    }

    private HttpRequest.Builder withCookie(URI uri, Session s) {
        return HttpRequest.newBuilder(uri).header("Cookie", s.cookie());
    }

    private Reply createTask(Session s, String csrf) {
        HttpRequest.Builder b = withCookie(server.api("/tasks"), s).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"data\":{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"from the console\"}}"));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return server.send(b.build());
    }

    private long taskCount() {
        return server.send(server.authorized(server.root(
                ParentListRoutes.PATH.replace("{workspace_gid}", server.workspaceGid()) + "?type=task")).GET().build()).data().size();
    }

    @Test
    void signInSetsAnHttpOnlyStrictSessionCookie() {
        Reply r = signIn(server.token());

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("Set-Cookie")).startsWith("attache_session=")
                .contains("; Path=/", "; HttpOnly", "; SameSite=Strict").doesNotContain("Secure");
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.data().get("csrf_token").asText()).isNotBlank();
    }

    @Test
    void signInNeverEchoesTheToken() {
        Reply r = signIn(server.token());

        assertThat(r.text()).doesNotContain(server.token());
        assertThat(r.header("Set-Cookie")).doesNotContain(server.token());
    }

    @Test
    void signInWithAnUnknownTokenIsRefusedWithoutACookie() {
        Reply r = signIn("2/1/2:" + "0".repeat(32));

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void signInFromAnotherSiteIsRefused() {
        Reply r = server.send(HttpRequest.newBuilder(server.root("/console/session"))
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"token\":\"" + server.token() + "\"}}")).build());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void signInFromThisHostOverAnotherSchemeIsRefused() {
        String otherScheme = "https://" + server.root("/").getRawAuthority();
        Reply r = server.send(HttpRequest.newBuilder(server.root("/console/session"))
                .header("Content-Type", "application/json").header("Origin", otherScheme)
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"token\":\"" + server.token() + "\"}}")).build());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void signInFromThisOriginIsAccepted() {
        String origin = "http://" + server.root("/").getRawAuthority();
        Reply r = server.send(HttpRequest.newBuilder(server.root("/console/session"))
                .header("Content-Type", "application/json; charset=utf-8").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"token\":\"" + server.token() + "\"}}")).build());

        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void signInWithATypeThatOnlyBeginsLikeJsonIsRefused() {
        Reply r = server.send(HttpRequest.newBuilder(server.root("/console/session"))
                .header("Content-Type", "application/jsonfoo")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"token\":\"" + server.token() + "\"}}")).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void apiAnswersReadThroughTheSessionAreNotStored() {
        Session s = session(server.token());

        Reply r = server.send(withCookie(server.api("/users/me"), s).GET().build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void signInPostedAsAFormIsRefused() {
        Reply r = server.send(HttpRequest.newBuilder(server.root("/console/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + server.token())).build());

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void apiReadsWorkWithTheSessionCookie() {
        Session s = session(server.token());

        Reply r = server.send(withCookie(server.api("/users/me"), s).GET().build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("gid").asLong()).isEqualTo(server.devUserGid());
    }

    @Test
    void currentSessionGivesThePageItsCsrfToken() {
        Session s = session(server.token());

        Reply r = server.send(withCookie(server.root("/console/session"), s).GET().build());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("csrf_token").asText()).isEqualTo(s.csrf());
    }

    @Test
    void stateChangeWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        Session s = session(server.token());
        long before = taskCount();

        Reply r = createTask(s, null);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorMessage()).startsWith("X-CSRF-Token");
        assertThat(taskCount()).isEqualTo(before);
    }

    @Test
    void stateChangeWithAnotherSessionsCsrfTokenIsRefused() {
        Session mine = session(server.token());
        Session other = session(server.token());

        assertThat(createTask(mine, other.csrf()).status()).isEqualTo(403);
    }

    @Test
    void stateChangeWithTheCsrfTokenSucceeds() {
        Session s = session(server.token());

        assertThat(createTask(s, s.csrf()).status()).isEqualTo(201);
    }

    @Test
    void bearerTokensNeedNoCsrfToken() {
        assertThat(server.postJson("/tasks", "{\"data\":{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"t\"}}")
                .status()).isEqualTo(201);
    }

    @Test
    void aBadBearerTokenIsNotRescuedByTheSessionCookie() {
        Session s = session(server.token());

        Reply r = server.send(withCookie(server.api("/users/me"), s).header("Authorization", "Bearer nonsense").GET().build());

        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void revokingTheTokenEndsItsSessions() {
        String token = freshToken();
        Session s = session(token);
        long tokenGid = Long.parseLong(token.substring(token.lastIndexOf('/') + 1, token.indexOf(':')));

        server.app().admin().revokeToken(tokenGid);

        assertThat(server.send(withCookie(server.api("/users/me"), s).GET().build()).status()).isEqualTo(401);
        assertThat(server.send(withCookie(server.root("/console/session"), s).GET().build()).status()).isEqualTo(401);
    }

    @Test
    void signOutEndsTheSessionAndClearsTheCookie() {
        Session s = session(server.token());

        Reply out = server.send(withCookie(server.root("/console/session"), s).header("X-CSRF-Token", s.csrf()).DELETE().build());

        assertThat(out.status()).isEqualTo(200);
        assertThat(out.header("Set-Cookie")).startsWith("attache_session=;").contains("Max-Age=0");
        assertThat(server.send(withCookie(server.api("/users/me"), s).GET().build()).status()).isEqualTo(401);
    }

    @Test
    void signOutWithoutTheCsrfTokenIsRefused() {
        Session s = session(server.token());

        Reply out = server.send(withCookie(server.root("/console/session"), s).DELETE().build());

        assertThat(out.status()).isEqualTo(403);
        assertThat(server.send(withCookie(server.api("/users/me"), s).GET().build()).status()).isEqualTo(200);
    }

    @Test
    void permanentUrlRedirectsWithTheSession() {
        Session s = session(server.token());
        String gid = server.uploadFile(server.createTask("p"), "p.txt", "p".getBytes(StandardCharsets.UTF_8))
                .data().get("gid").asText();

        Reply r = server.send(withCookie(server.root("/app/asana/-/get_asset?asset_id=" + gid), s).GET().build());

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).contains("/download/");
    }

    @Test
    void databaseKeepsOnlyTheHashOfTheSessionId() throws Exception {
        Session s = session(server.token());
        String id = s.cookie().substring(s.cookie().indexOf('=') + 1);

        List<String> stored = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("attache.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM console_sessions")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    stored.add(rs.getString(i));
                }
            }
        }

        assertThat(stored).contains(SessionIds.hash(id)).doesNotContain(id, server.token());
    }

    @Test
    void sessionSecretsNeverReachTheLog() throws Exception {
        String token = freshToken();
        Session s = session(token);
        server.send(withCookie(server.api("/users/me"), s).GET().build());
        createTask(s, s.csrf());
        createTask(s, null);
        signIn(token + "0");
        server.send(withCookie(server.root("/console/session"), s).header("X-CSRF-Token", s.csrf()).DELETE().build());

        String log = java.nio.file.Files.readString(Path.of("target", "server-test.log"), StandardCharsets.UTF_8);

        assertThat(log).contains("POST /console/session 201");
        assertThat(log).doesNotContain(token.substring(token.indexOf(':') + 1));
        assertThat(log).doesNotContain(s.cookie().substring(s.cookie().indexOf('=') + 1));
        assertThat(log).doesNotContain(s.csrf());
    }

    @Test
    void cookieIsSecureWhenServedOverHttps(@TempDir Path other) {
        try (TestServer https = TestServer.start(other, c -> c.publicBaseUrl(URI.create("https://attache.example")))) {
            Reply r = https.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + https.app().port() + "/console/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"token\":\"" + https.token() + "\"}}")).build());

            assertThat(r.header("Set-Cookie")).contains("; Secure");
        }
    }
}
