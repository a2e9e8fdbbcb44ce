package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.attache.server.directory.User;
import dev.attache.server.auth.Scope;
import dev.attache.server.auth.TokenKind;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.testing.Concurrently;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.MutableClock;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * The hot GET routes answered on Jetty's core API ({@code http/DirectRoutes}) answer exactly as the
 * framework routes do. Each case is asked twice: as the direct route takes it, and with a harmless
 * extra that only the framework route accepts, and the two answers must agree in status, body and
 * every header but {@code Date} and {@code X-Request-Id}. The server's count of direct answers tells
 * which path answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectRoutesTest {

    private static final Set<String> PER_RESPONSE = Set.of("date", "x-request-id");

    @TempDir
    static Path dir;
    TestServer server;
    String task;
    /** Three requests a minute per token; only the dev token's set-up requests and fresh tokens use it. */
    TestServer limited;
    String limitedGid;

    /** One read in flight per token, as {@code --concurrent-reads 1}. */
    TestServer oneRead;
    String oneReadGid;

    @BeforeAll
    void start() {
        // Time stands still on this server, so a download_url signed for the first of two answers is the
        // one signed for the second: its expiry is in whole seconds, and the two may straddle a second.
        server = TestServer.start(dir.resolve("default"), c -> c.clock(new MutableClock(Instant.now())));
        task = server.createTask("direct routes");
        limited = TestServer.start(dir.resolve("limited"), c -> c.rateLimits(new RateLimits(true, 3, 50, 15)));
        limitedGid = upload(limited, limited.createTask("rate limited"), "limited.txt", "text/plain");
        oneRead = TestServer.start(dir.resolve("one-read"), c -> c.rateLimits(new RateLimits(true, 100_000, 1, 15)));
        oneReadGid = upload(oneRead, oneRead.createTask("one read at a time"), "one.txt", "text/plain");
    }

    @AfterAll
    void stop() {
        server.close();
        limited.close();
        oneRead.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?opt_fields=name,size", "?opt_fields=parent.name,download_url,this.gid"})
    void getAttachmentAnswersAsTheFrameworkRouteDoes(String query) {
        String token = freshToken();
        String gid = upload("a.txt", "text/plain");

        Reply direct = directly(() -> get(token, "/attachments/" + gid + query));
        Reply framework = byFramework(() -> get(token, "/attachments/" + gid + query + (query.isEmpty() ? "?" : "&") + "opt_pretty=false"));

        assertSameAnswer(direct, framework);
        assertThat(direct.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/json", "image/png", "application/octet-stream", "text/html"})
    void downloadAnswersAsTheFrameworkRouteDoes(String contentType) {
        String gid = upload("file", contentType);
        String url = server.get("/attachments/" + gid + "?opt_fields=download_url").data().get("download_url").asText();

        Reply direct = directly(() -> fetch(url));
        Reply framework = byFramework(() -> fetch(url + "&unused=1"));

        assertSameAnswer(direct, framework);
        assertThat(direct.status()).isEqualTo(200);
        assertThat(direct.text()).isEqualTo("bytes of file");
    }

    @Test
    void requestsTheDirectRouteCannotAnswerExactlyGoToTheFramework() {
        String token = freshToken();
        String gid = upload("b.txt", "text/plain");

        assertThat(byFramework(() -> get(null, "/attachments/" + gid)).status()).isEqualTo(401);
        assertThat(byFramework(() -> get(token, "/attachments/999999999999")).status()).isEqualTo(404);
        assertThat(byFramework(() -> get(token, "/attachments/12x")).status()).isEqualTo(400);
        assertThat(byFramework(() -> get(token, "/attachments/" + gid + "?opt_fields=name%2Cgid")).status()).isEqualTo(200);
        assertThat(byFramework(() -> get(token, "/attachments/" + gid + "?opt_pretty")).text()).contains("\n");
        assertThat(byFramework(() -> get(readOnlyScopeless(), "/attachments/" + gid)).status()).isEqualTo(403);
    }

    @Test
    void aDeclinedRequestCountsOnceAgainstTheMinuteQuota() {
        String token = freshToken(limited);

        assertThat(byFramework(limited, () -> get(limited, token, "/attachments/999999999999")).status()).isEqualTo(404);
        assertThat(directly(limited, () -> get(limited, token, "/attachments/" + limitedGid)).status()).isEqualTo(200);
        assertThat(directly(limited, () -> get(limited, token, "/attachments/" + limitedGid)).status()).isEqualTo(200);

        assertThat(directly(limited, () -> get(limited, token, "/attachments/" + limitedGid)).status()).isEqualTo(429);
    }

    @Test
    void aRateLimitedGetIsRefusedAsTheFrameworkRouteRefusesIt() {
        String token = freshToken(limited);
        for (int i = 0; i < 3; i++) {
            assertThat(get(limited, token, "/attachments/" + limitedGid).status()).isEqualTo(200);
        }

        Reply direct = directly(limited, () -> get(limited, token, "/attachments/" + limitedGid));
        Reply framework = byFramework(limited, () -> get(limited, token, "/attachments/" + limitedGid + "?opt_pretty=false"));

        assertThat(direct.status()).isEqualTo(429);
        assertThat(direct.header("Retry-After")).isNotNull();
        assertThat(direct.text()).isEqualTo(framework.text());
        assertThat(headersOf(direct).keySet()).isEqualTo(headersOf(framework).keySet());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 2000})
    void aGetAcceptingGzipAnswersAsTheFrameworkRouteDoes(int parentNameLength) {
        String token = freshToken();
        String gid = upload(server, server.createTask("p".repeat(parentNameLength)), "c.txt", "text/plain");
        String path = "/attachments/" + gid + "?opt_fields=name,parent.name";

        // Large enough to compress, the answer is the framework's: the direct route hands it over after the gate.
        Supplier<Reply> call = () -> get(token, path, "gzip");
        Reply direct = parentNameLength > 1500 ? byFramework(call) : directly(call);
        Reply framework = byFramework(() -> get(token, path + "&opt_pretty=false", "gzip"));

        assertThat(direct.status()).isEqualTo(200);
        assertThat(direct.status()).isEqualTo(framework.status());
        assertThat(withoutLength(direct)).isEqualTo(withoutLength(framework));
        assertThat(decoded(direct)).isEqualTo(decoded(framework));
        assertThat(direct.header("Content-Encoding")).isEqualTo(parentNameLength > 1500 ? "gzip" : null);
    }

    @Test
    void aGzippedAnswerVariesByAcceptEncoding() {
        String gid = upload(server, server.createTask("q".repeat(2000)), "d.txt", "text/plain");

        Reply gzipped = get(freshToken(), "/attachments/" + gid + "?opt_fields=parent.name", "gzip");

        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.header("Vary")).isEqualTo("Accept-Encoding");
    }

    @Test
    void anAnswerTooSmallToGzipVariesByAcceptEncodingOnBothPaths() {
        String token = freshToken();
        String gid = upload("e.txt", "text/plain");

        Reply direct = directly(() -> get(token, "/attachments/" + gid));
        Reply framework = byFramework(() -> get(token, "/attachments/" + gid + "?opt_pretty=false"));

        assertThat(direct.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(framework.header("Vary")).isEqualTo("Accept-Encoding");
    }

    @Test
    void aReadLeftToTheFrameworkRouteAfterTheGateFreesTheTokensOnlyReadSlot() {
        String token = freshToken(oneRead);

        assertThat(byFramework(oneRead, () -> get(oneRead, token, "/attachments/999999999999")).status()).isEqualTo(404);

        assertThat(directly(oneRead, () -> get(oneRead, token, "/attachments/" + oneReadGid)).status()).isEqualTo(200);
    }

    @Test
    void concurrentReadsOnBothPathsAreAdmittedOrRefusedAndLeaveNoSlotTaken() {
        String token = freshToken(oneRead);
        List<String> paths = List.of("/attachments/" + oneReadGid, "/attachments/" + oneReadGid + "?opt_pretty=false",
                "/attachments/999999999999", "/attachments/" + oneReadGid + "?opt_fields=name");

        List<Integer> statuses = Concurrently.run(32, i -> get(oneRead, token, paths.get(i % paths.size())).status());

        assertThat(statuses).allMatch(s -> s == 200 || s == 404 || s == 429, "each 200, 404 or 429");
        assertThat(directly(oneRead, () -> get(oneRead, token, "/attachments/" + oneReadGid)).status()).isEqualTo(200);
        assertThat(byFramework(oneRead, () -> get(oneRead, token, "/attachments/" + oneReadGid + "?opt_pretty=false")).status())
                .isEqualTo(200);
    }

    private String upload(String name, String contentType) {
        return upload(server, task, name, contentType);
    }

    private static String upload(TestServer on, String parent, String name, String contentType) {
        Reply r = on.upload("/attachments?opt_fields=gid", Multipart.form()
                .field("parent", parent)
                .file(name, contentType, ("bytes of " + name).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.data().get("gid").asText();
    }

    private Reply get(String token, String pathAndQuery) {
        return get(server, token, pathAndQuery);
    }

    private static Reply get(TestServer on, String token, String pathAndQuery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(on.api(pathAndQuery)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return on.send(request.build());
    }

    private Reply get(String token, String pathAndQuery, String acceptEncoding) {
        return server.send(HttpRequest.newBuilder(server.api(pathAndQuery)).GET()
                .header("Authorization", "Bearer " + token).header("Accept-Encoding", acceptEncoding).build());
    }

    private Reply fetch(String url) {
        return server.send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private Reply directly(Supplier<Reply> call) {
        return directly(server, call);
    }

    private Reply byFramework(Supplier<Reply> call) {
        return byFramework(server, call);
    }

    private static Reply directly(TestServer on, Supplier<Reply> call) {
        long before = on.app().directAnswers();
        Reply reply = call.get();
        assertThat(on.app().directAnswers()).as("answered by the direct route: " + reply).isEqualTo(before + 1);
        return reply;
    }

    private static Reply byFramework(TestServer on, Supplier<Reply> call) {
        long before = on.app().directAnswers();
        Reply reply = call.get();
        assertThat(on.app().directAnswers()).as("answered by the framework: " + reply).isEqualTo(before);
        return reply;
    }

    private static void assertSameAnswer(Reply direct, Reply framework) {
        assertThat(direct.status()).isEqualTo(framework.status());
        assertThat(headersOf(direct)).isEqualTo(headersOf(framework));
        assertThat(direct.body()).isEqualTo(framework.body());
    }

    /** Whether a body is sent in one piece or in chunks says nothing about the answer. */
    private static Map<String, String> withoutLength(Reply reply) {
        Map<String, String> headers = headersOf(reply);
        headers.remove("content-length");
        headers.remove("transfer-encoding");
        return headers;
    }

    private static byte[] decoded(Reply reply) {
        if (!"gzip".equals(reply.header("Content-Encoding"))) {
            return reply.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(reply.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> headersOf(Reply reply) {
        return reply.headers().map().entrySet().stream()
                .filter(e -> !PER_RESPONSE.contains(e.getKey().toLowerCase()))
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue()), (a, b) -> a,
                        TreeMap::new));
    }

    private String freshToken() {
        return freshToken(server);
    }

    private static String freshToken(TestServer on) {
        User dev = on.app().admin().users().get(0);
        return on.app().admin().issueToken(dev.gid(), TokenKind.PERSONAL, Scope.all(), "direct routes").token();
    }

    private String readOnlyScopeless() {
        User dev = server.app().admin().users().get(0);
        return server.app().admin().issueToken(dev.gid(), TokenKind.OAUTH, Set.of(Scope.WRITE), "no read").token();
    }
}
