package dev.attache.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InFlightLimitTest {

    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^attache_uploads_in_flight(?:\\{[^}]*\\})? (\\S+)$");

    private static final int HELD_BACK = 8;

    @TempDir
    static Path dir;
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(dir, c -> c.rateLimits(new RateLimits(true, 1000, 50, 1)));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void secondWriteIsRateLimitedWhileTheFirstIsInFlight() throws Exception {
        String task = server.createTask("in flight");
        Multipart form = Multipart.form().field("parent", task).file("slow.txt", "text/plain", "slow body".getBytes(StandardCharsets.UTF_8));
        byte[] body = form.build();
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream source = new PipedInputStream(feed, body.length + 1);
        HttpRequest held = server.authorized(server.api("/attachments"))
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> source))
                .build();
        CompletableFuture<HttpResponse<String>> first = server.http().sendAsync(held, HttpResponse.BodyHandlers.ofString());
        int sent = feedUntilUploadIsInFlight(feed, body);

        Reply second = server.uploadFile(task, "second.txt", new byte[] {1});

        feed.write(body, sent, body.length - sent);
        feed.close();
        HttpResponse<String> firstReply = first.get(60, TimeUnit.SECONDS);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.header("Retry-After")).isNotNull();
        assertThat(firstReply.statusCode()).as(firstReply.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(firstReply.body()).at("/data/name").asText()).isEqualTo("slow.txt");
    }

    @Test
    void writeSlotIsFreedWhenTheUploadFinishes() {
        String task = server.createTask("freed");
        assertThat(server.uploadFile(task, "one.txt", new byte[] {1}).status()).isEqualTo(200);

        Reply r = server.uploadFile(task, "two.txt", new byte[] {2});

        assertThat(r.status()).isEqualTo(200);
    }

    /**
     * Sends the body a byte at a time, never its last {@value #HELD_BACK} bytes (the closing delimiter), until
     * /metrics shows the upload in flight; the JDK client reads ahead before it sends, so the bytes go in as
     * needed rather than all at once. Bounded: gives up after a fixed number of scrapes.
     *
     * @return how many bytes of the body were sent
     */
    private int feedUntilUploadIsInFlight(PipedOutputStream feed, byte[] body) throws IOException {
        int sent = 0;
        String last = "none";
        for (int attempt = 0; attempt < 10_000; attempt++) {
            Matcher m = IN_FLIGHT.matcher(server.send(HttpRequest.newBuilder(server.root("/metrics")).GET().build()).text());
            last = m.find() ? m.group(1) : "none";
            if (last.equals("1.0")) {
                return sent;
            }
            if (sent < body.length - HELD_BACK) {
                feed.write(body[sent++]);
                feed.flush();
            }
        }
        throw new AssertionError("attache_uploads_in_flight never reached 1.0 (last " + last + ", sent " + sent + " bytes)");
    }
}
