package dev.attache.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.admin.AdminStorage;
import dev.attache.server.auth.OAuthApps.RegisteredApp;
import dev.attache.server.auth.Scope;
import dev.attache.server.testing.MutableClock;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** The authorization-code flow with PKCE, end to end over HTTP, with the test as both app and browser. */
class OAuthFlowTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T09:00:00Z"));
    private TestServer server;
    private RegisteredApp app;
    private OAuthDance dance;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(dir, c -> c.clock(clock));
        app = register(Set.of(Scope.READ, Scope.WRITE));
        dance = new OAuthDance(server, app.app().clientId(), app.clientSecret());
    }

    private RegisteredApp register(Set<Scope> scopes) throws IOException {
        try (AdminStorage storage = AdminStorage.open(dir)) {
            return storage.apps().register("Timesheets", List.of(OAuthDance.REDIRECT_URI), EnumSet.copyOf(scopes));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode tokens() {
        Reply reply = dance.exchange(dance.authorize(null));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void codeExchangedWithItsVerifierGivesAnAccessTokenThatCallsTheApi() {
        JsonNode tokens = tokens();

        assertThat(dance.apiGet("/users/me", tokens.get("access_token").asText()).data().get("gid").asLong())
                .isEqualTo(server.devUserGid());
    }

    @Test
    void tokenResponseHasAsanasShape() {
        JsonNode tokens = tokens();

        assertThat(tokens.get("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokens.get("refresh_token").asText()).isNotBlank();
        assertThat(tokens.get("data").get("gid").asText()).isEqualTo(Long.toString(server.devUserGid()));
        assertThat(tokens.get("data").get("email").asText()).contains("@");
        assertThat(tokens.get("data").get("name").asText()).isNotBlank();
    }

    @Test
    void redirectCarriesTheStateUnchanged() {
        Reply page = dance.openAuthorize(dance.authorizeParams(null));

        Reply redirect = dance.submitConsent(page, server.token(), "allow");

        assertThat(redirect.status()).isEqualTo(303);
        assertThat(OAuthDance.query(redirect)).containsEntry("state", "st&te=1").containsKey("code");
    }

    @Test
    void decliningRedirectsWithAccessDenied() {
        Reply page = dance.openAuthorize(dance.authorizeParams(null));

        Reply redirect = dance.submitConsent(page, "", "deny");

        assertThat(OAuthDance.query(redirect)).containsEntry("error", "access_denied").containsEntry("state", "st&te=1")
                .doesNotContainKey("code");
    }

    @Test
    void consentWithAnInvalidTokenShowsThePageAgainAndIssuesNoCode() {
        Reply page = dance.openAuthorize(dance.authorizeParams(null));

        Reply again = dance.submitConsent(page, "2/1/2:00000000000000000000000000000000", "allow");

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.header("Location")).isNull();
        assertThat(again.text()).contains("not a valid personal access token");
    }

    @Test
    void refreshTokenGivesAWorkingAccessTokenWithoutANewRefreshToken() {
        JsonNode first = tokens();

        Reply refreshed = dance.refresh(first.get("refresh_token").asText());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json().has("refresh_token")).isFalse();
        String access = refreshed.json().get("access_token").asText();
        assertThat(access).isNotEqualTo(first.get("access_token").asText());
        assertThat(dance.apiGet("/users/me", access).status()).isEqualTo(200);
    }

    @Test
    void accessTokenWorksUntilExpiresInAndIsNotAuthorizedFromThen() {
        String access = tokens().get("access_token").asText();

        clock.advance(Duration.ofSeconds(3599));
        assertThat(dance.apiGet("/users/me", access).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        Reply expired = dance.apiGet("/users/me", access);

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.errorMessage()).isEqualTo("Not Authorized");
    }

    @Test
    void refreshTokenOutlivesItsAccessTokens() {
        JsonNode tokens = tokens();
        clock.advance(Duration.ofDays(30));

        Reply refreshed = dance.refresh(tokens.get("refresh_token").asText());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(dance.apiGet("/users/me", refreshed.json().get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void configuredLifetimeIsReportedAndEnforced(@TempDir Path otherDir) throws IOException {
        server.close();
        dir = otherDir;
        server = TestServer.start(otherDir, c -> c.clock(clock).oauthAccessTokenTtl(Duration.ofMinutes(5)));
        app = register(Set.of(Scope.READ));
        dance = new OAuthDance(server, app.app().clientId(), app.clientSecret());

        JsonNode tokens = tokens();
        clock.advance(Duration.ofMinutes(5));

        assertThat(tokens.get("expires_in").asLong()).isEqualTo(300);
        assertThat(dance.apiGet("/users/me", tokens.get("access_token").asText()).status()).isEqualTo(401);
    }

    @Test
    void revokingARefreshTokenRevokesItAndEveryAccessTokenFromIt() {
        JsonNode tokens = tokens();
        String refresh = tokens.get("refresh_token").asText();
        String second = dance.refresh(refresh).json().get("access_token").asText();

        Reply revoked = dance.revoke(refresh);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(dance.apiGet("/users/me", tokens.get("access_token").asText()).status()).isEqualTo(401);
        assertThat(dance.apiGet("/users/me", second).status()).isEqualTo(401);
        assertThat(dance.refresh(refresh).json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void reusedCodeIsRefusedAndRevokesWhatItIssued() {
        String code = dance.authorize(null);
        JsonNode first = dance.exchange(code).json();

        Reply second = dance.exchange(code);

        assertThat(second.status()).isEqualTo(400);
        assertThat(second.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(dance.apiGet("/users/me", first.get("access_token").asText()).status()).isEqualTo(401);
        assertThat(dance.refresh(first.get("refresh_token").asText()).status()).isEqualTo(400);
    }

    @Test
    void wrongVerifierIsRefusedAndSpendsTheCode() {
        String code = dance.authorize(null);

        Reply wrong = dance.exchange(code, OAuthDance.REDIRECT_URI, "x".repeat(43));

        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(wrong.json().get("error_description").asText()).contains("code_verifier");
        Reply right = dance.exchange(code);
        assertThat(right.status()).as("whoever holds the code gets one guess at its verifier").isEqualTo(400);
        assertThat(right.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void revokingAnAccessTokenRevokesThatToken() {
        JsonNode tokens = tokens();
        String access = tokens.get("access_token").asText();

        Reply revoked = dance.revoke(access);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(dance.apiGet("/users/me", access).status()).isEqualTo(401);
        assertThat(dance.refresh(tokens.get("refresh_token").asText()).status())
                .as("RFC 7009 lets the refresh token live on; the app may revoke it too").isEqualTo(200);
    }

    @Test
    void aConsoleSessionMadeFromAnAccessTokenEndsWhenTheTokenExpires() {
        String access = tokens().get("access_token").asText();
        Reply signedIn = server.send(HttpRequest.newBuilder(server.root("/console/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"token\":\"" + access + "\"}}")).build());
        assertThat(signedIn.status()).isEqualTo(201);
        String setCookie = signedIn.header("Set-Cookie");
        HttpRequest me = HttpRequest.newBuilder(server.api("/users/me"))
                .header("Cookie", setCookie.substring(0, setCookie.indexOf(';'))).GET().build();

        clock.advance(Duration.ofSeconds(3599));
        assertThat(server.send(me).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));

        assertThat(server.send(me).status()).isEqualTo(401);
    }

    @Test
    void missingVerifierIsRefusedWhenTheCodeHasAChallenge() {
        String code = dance.authorize(null);

        Reply reply = dance.postForm("/-/oauth_token", Map.of("grant_type", "authorization_code",
                "client_id", app.app().clientId(), "client_secret", app.clientSecret(),
                "redirect_uri", OAuthDance.REDIRECT_URI, "code", code));

        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_request");
        assertThat(reply.json().get("error_description").asText()).isEqualTo("code_verifier: Missing input");
    }

    @Test
    void redirectUriDifferentFromTheCodesIsRefusedAtTheTokenEndpoint() {
        String code = dance.authorize(null);

        Reply reply = dance.exchange(code, "https://app.example/other", dance.verifier);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void unregisteredRedirectUriIsNeverRedirectedTo() {
        Map<String, String> params = dance.authorizeParams(null);
        params.put("redirect_uri", "https://evil.example/steal");

        Reply page = dance.openAuthorize(params);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Location")).isNull();
        assertThat(page.text()).contains("redirect_uri: Not one registered");
    }

    @Test
    void expiredCodeIsRefused() {
        String code = dance.authorize(null);
        clock.advance(Duration.ofMinutes(10));

        Reply reply = dance.exchange(code);

        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(reply.json().get("error_description").asText()).contains("expired");
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        String code = dance.authorize(null);
        OAuthDance impostor = new OAuthDance(server, app.app().clientId(), "0".repeat(32));

        Reply reply = impostor.exchange(code, OAuthDance.REDIRECT_URI, dance.verifier);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(dance.exchange(code).status()).isEqualTo(200);
    }

    @Test
    void unknownGrantTypeIsUnsupported() {
        Reply reply = dance.postForm("/-/oauth_token", Map.of("grant_type", "password",
                "client_id", app.app().clientId(), "client_secret", app.clientSecret()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void plainPkceMethodIsRefusedWithARedirect() {
        Map<String, String> params = dance.authorizeParams(null);
        params.put("code_challenge_method", "plain");

        Reply reply = dance.openAuthorize(params);

        assertThat(reply.status()).isEqualTo(302);
        assertThat(OAuthDance.query(reply)).containsEntry("error", "invalid_request");
    }

    @Test
    void scopeBeyondTheAppsIsRefusedWithInvalidScope() {
        Reply reply = dance.openAuthorize(dance.authorizeParams("attachments:read attachments:delete"));

        assertThat(OAuthDance.query(reply)).containsEntry("error", "invalid_scope").containsEntry("state", "st&te=1");
    }

    @Test
    void readOnlyTokenGetsTheContracts403OnAnUpload() {
        String task = server.createTask("t");
        String access = dance.exchange(dance.authorize("attachments:read")).json().get("access_token").asText();

        Multipart form = Multipart.form().field("parent", task).file("a.txt", "text/plain", new byte[] {1});
        Reply upload = server.send(HttpRequest.newBuilder(server.api("/attachments"))
                .header("Authorization", "Bearer " + access).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build());

        assertThat(upload.status()).isEqualTo(403);
        assertThat(upload.errorMessage())
                .isEqualTo("The following scopes must be present to fulfill this request: attachments:write");
        assertThat(dance.apiGet("/attachments?parent=" + task, access).status()).isEqualTo(200);
    }

    @Test
    void deletingTheAppRevokesItsTokens() throws IOException {
        JsonNode tokens = tokens();

        try (AdminStorage storage = AdminStorage.open(dir)) {
            assertThat(storage.apps().delete(app.app().gid())).isTrue();
        }

        assertThat(dance.apiGet("/users/me", tokens.get("access_token").asText()).status()).isEqualTo(401);
        assertThat(dance.refresh(tokens.get("refresh_token").asText()).json().get("error").asText()).isEqualTo("invalid_client");
    }
}
