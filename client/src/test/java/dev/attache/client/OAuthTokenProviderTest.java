package dev.attache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attache.client.testing.TestClock;
import dev.attache.server.admin.AdminStorage;
import dev.attache.server.auth.OAuthApps.RegisteredApp;
import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.embedded.EmbeddedServer;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OAuth provider against the real server: the app's code exchange, then the client refreshing by itself. */
class OAuthTokenProviderTest {

    private static final String REDIRECT = "http://localhost:5000/callback";

    @TempDir
    Path dir;

    private final TestClock serverClock = new TestClock();
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedServer server;
    private RegisteredApp registered;
    private JsonNode exchanged;

    @BeforeEach
    void signIn() throws Exception {
        server = EmbeddedServer.builder().dataDir(dir).clock(serverClock).start();
        try (AdminStorage storage = AdminStorage.open(dir)) {
            registered = storage.apps().register("Client test", List.of(REDIRECT), EnumSet.allOf(Scope.class));
        }
        exchanged = exchange(consent());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** What the browser does: posts the consent form, allowing; the code from the redirect. */
    private String consent() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", registered.app().clientId());
        form.put("redirect_uri", REDIRECT);
        form.put("response_type", "code");
        form.put("token", server.token());
        form.put("decision", "allow");
        HttpResponse<String> redirect = post("/-/oauth_authorize", form);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return URLDecoder.decode(location.substring(location.indexOf("code=") + 5), StandardCharsets.UTF_8);
    }

    /** What the app's back end does: trades the code for tokens. */
    private JsonNode exchange(String code) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("client_id", registered.app().clientId());
        form.put("client_secret", registered.clientSecret());
        form.put("redirect_uri", REDIRECT);
        form.put("code", code);
        return new ObjectMapper().readTree(post("/-/oauth_token", form).body());
    }

    private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(server.baseUri().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private OAuthTokenProvider.Builder provider() {
        return OAuthTokenProvider.builder()
                .tokenEndpoint(server.baseUri().resolve("/-/oauth_token"))
                .client(registered.app().clientId(), registered.clientSecret())
                .refreshToken(exchanged.get("refresh_token").asText());
    }

    private AttachmentsApi api(TokenProvider tokens) {
        return AttachmentsApi.builder().baseUri(server.apiBaseUri()).tokenProvider(tokens).build();
    }

    private long oauthTokensIssued() {
        return server.app().admin().tokens().stream().filter(t -> t.kind() == TokenKind.OAUTH).count();
    }

    @Test
    void providerWithOnlyARefreshTokenGetsAnAccessTokenAndUploads() throws Exception {
        ParentGid task = ParentGid.of(server.createTask("oauth"));

        Attachment a = api(provider().build()).createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {1})).join();

        assertThat(a.name()).isEqualTo("a.txt");
    }

    @Test
    void accessTokenTheAppHoldsIsUsedWithoutARefresh() throws Exception {
        TokenProvider tokens = provider().accessToken(exchanged.get("access_token").asText(),
                Clock.systemUTC().instant().plusSeconds(3600)).build();

        assertThat(tokens.token().join()).isEqualTo(exchanged.get("access_token").asText());
        assertThat(oauthTokensIssued()).isEqualTo(1);
    }

    @Test
    void tokenNearItsExpiryIsRefreshedBeforeUse() {
        TestClock clientClock = new TestClock();
        TokenProvider tokens = provider().clock(clientClock)
                .accessToken(exchanged.get("access_token").asText(), clientClock.instant().plusSeconds(3600)).build();
        clientClock.advance(Duration.ofSeconds(3600 - 30));

        String fresh = tokens.token().join();

        assertThat(fresh).isNotEqualTo(exchanged.get("access_token").asText());
        assertThat(oauthTokensIssued()).isEqualTo(2);
    }

    @Test
    void tokenTheServerRefusesAsExpiredIsRefreshedAndTheCallSucceeds() throws Exception {
        ParentGid task = ParentGid.of(server.createTask("expired"));
        // The client believes the token is good for an hour; the server's clock says otherwise.
        TokenProvider tokens = provider().accessToken(exchanged.get("access_token").asText(),
                Clock.systemUTC().instant().plusSeconds(3600)).build();
        serverClock.advance(Duration.ofHours(2));

        Page<Attachment> page = api(tokens).getAttachmentsForObject(task, PageRequest.all()).join();

        assertThat(page.items()).isEmpty();
        assertThat(oauthTokensIssued()).isEqualTo(2);
    }

    @Test
    void concurrentCallersShareOneRefresh() {
        TokenProvider tokens = provider().build();

        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(tokens.token());
        }

        assertThat(calls.stream().map(CompletableFuture::join).distinct()).hasSize(1);
        assertThat(oauthTokensIssued()).isEqualTo(2);
    }

    @Test
    void revokedRefreshTokenFailsWithAuthenticationException() throws Exception {
        post("/-/oauth_revoke", Map.of("client_id", registered.app().clientId(), "client_secret", registered.clientSecret(),
                "token", exchanged.get("refresh_token").asText()));

        assertThatThrownBy(() -> provider().build().token().join())
                .cause().isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid_grant");
    }

    @Test
    void providerNeverShowsItsSecrets() {
        assertThat(provider().build().toString()).doesNotContain(registered.clientSecret())
                .doesNotContain(exchanged.get("refresh_token").asText());
    }
}
