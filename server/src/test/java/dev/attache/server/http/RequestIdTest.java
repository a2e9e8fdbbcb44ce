package dev.attache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every response names its request in {@code X-Request-Id}, and the access line carries the same id. */
class RequestIdTest {

    private static final Path LOG = Path.of("target", "server-test.log");

    @TempDir
    Path dir;

    @Test
    void successErrorsAndUnmatchedPathsAllCarryADistinctRequestIdThatTheAccessLineRepeats() throws IOException {
        List<Reply> replies;
        try (TestServer server = TestServer.start(dir)) {
            replies = List.of(
                    server.get("/users/me"),
                    server.get("/attachments/123"),
                    server.get("/no/such/route"),
                    server.send(HttpRequest.newBuilder(server.api("/users/me"))
                            .header("Authorization", "Bearer wrong").build()));
        }

        assertThat(replies).extracting(Reply::status).containsExactly(200, 404, 404, 401);
        List<String> ids = replies.stream().map(r -> r.header("X-Request-Id")).toList();
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("[0-9a-f]{16}"));
        assertThat(ids).doesNotHaveDuplicates();
        String log = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(ids).allSatisfy(id -> assertThat(log).contains(" id=" + id));
    }
}
