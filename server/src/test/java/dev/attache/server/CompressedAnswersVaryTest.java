package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * Every kind of answer the server may compress says {@code Vary: Accept-Encoding}, whether or not this
 * request's answer was compressed, so no cache hands a gzipped body to a client that did not ask for one
 * or the reverse. Each kind is asked for with and without {@code Accept-Encoding: gzip}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompressedAnswersVaryTest {

    @TempDir
    static Path dir;
    TestServer server;

    /**
     * One kind of answer.
     *
     * @param kind       what it is, for the test's name
     * @param path       from the server root
     * @param authorized whether the request carries the dev token
     */
    record Answer(String kind, String path, boolean authorized) {
        @Override
        public String toString() {
            return kind;
        }
    }

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static Stream<Answer> answers() {
        return Stream.of(
                new Answer("an API answer", "/api/1.0/users/me", true),
                new Answer("an API error", "/api/1.0/attachments/not-a-gid", true),
                new Answer("the console page", "/", false),
                new Answer("a console script", "/console/app.js", false),
                new Answer("the console styles", "/console/console.css", false),
                new Answer("the console's session answer", "/console/session", false),
                new Answer("an OAuth page", "/-/oauth_authorize", false),
                new Answer("the metrics", "/metrics", false),
                new Answer("a health probe", "/health/ready", false),
                new Answer("the liveness probe", "/health/live", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void anAnswerThatMayBeCompressedVariesByAcceptEncodingWhenGzipIsAccepted(Answer answer) {
        Reply r = get(answer, "gzip");

        assertThat(vary(r)).as(described(r)).contains("accept-encoding");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void anAnswerThatMayBeCompressedVariesByAcceptEncodingWhenNothingIsAccepted(Answer answer) {
        Reply r = get(answer, null);

        assertThat(r.header("Content-Encoding")).isNull();
        assertThat(vary(r)).as(described(r)).contains("accept-encoding");
    }

    @Test
    void largeAnswersOfEachKindAreGzippedForAClientThatAcceptsIt() {
        for (String path : List.of("/", "/console/app.js", "/metrics")) {
            Reply r = get(new Answer(path, path, false), "gzip");

            assertThat(r.header("Content-Encoding")).as(path).isEqualTo("gzip");
        }
    }

    @Test
    void aDownloadIsNeverCompressedAndAnswersAlikeWhateverTheClientAccepts() {
        Reply uploaded = server.upload("/attachments?opt_fields=download_url", Multipart.form()
                .field("parent", server.createTask("download"))
                .file("notes.txt", "text/plain", "word ".repeat(1000).getBytes(StandardCharsets.UTF_8)));
        // The extra parameter leaves the download to the framework route, where answers are compressed.
        String url = uploaded.data().get("download_url").asText() + "&unused=1";

        Reply gzip = server.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip").GET().build());
        Reply plain = server.send(HttpRequest.newBuilder(URI.create(url)).GET().build());

        assertThat(gzip.status()).isEqualTo(200);
        assertThat(gzip.header("Content-Encoding")).isNull();
        assertThat(gzip.body()).isEqualTo(plain.body());
        assertThat(vary(gzip)).isEqualTo(vary(plain));
    }

    private Reply get(Answer answer, String acceptEncoding) {
        HttpRequest.Builder request = answer.authorized() ? server.authorized(server.root(answer.path()))
                : HttpRequest.newBuilder(server.root(answer.path()));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return server.send(request.GET().build());
    }

    /** Status and headers: a gzipped body would only garble the message. */
    private static String described(Reply reply) {
        return reply.status() + " " + reply.headers().map();
    }

    /** The fields {@code Vary} names, in lower case, however many {@code Vary} lines carry them. */
    private static List<String> vary(Reply reply) {
        return reply.headers().allValues("Vary").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> v.strip().toLowerCase(Locale.ROOT))
                .toList();
    }
}
