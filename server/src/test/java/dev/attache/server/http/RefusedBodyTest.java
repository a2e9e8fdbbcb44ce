package dev.attache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.TestServer;

/**
 * A request refused before its body was read (a bad token on an upload) still gets its answer while the
 * client goes on sending the body, as {@code java.net.http} does: the server reads the rest before it
 * answers, so it never closes a connection with bytes unread, which resets it and can discard the answer
 * before the client has read it. Bodies over 1 MiB are read too, a few at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedBodyTest {

    private static final int BODY = 100_000;
    /** Before the fix about one in twenty of these got no answer at all. */
    private static final int TRIES = 200;
    private static final int LARGE_TRIES = 100;

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
    void uploadsWithAnUnknownTokenAreAllAnswered401() throws Exception {
        assertThat(refusedUploads(BODY, TRIES)).containsExactly(Map.entry("401", TRIES));
    }

    @Test
    void uploadsOfSeveralMebibytesWithAnUnknownTokenAreAllAnswered401() throws Exception {
        // Before large bodies were read too, 6 of 30 of these got no answer.
        assertThat(refusedUploads(2 * 1024 * 1024, LARGE_TRIES)).containsExactly(Map.entry("401", LARGE_TRIES));
    }

    /** Sends {@code tries} uploads of {@code size} bytes with a token the server never issued; counts the outcomes. */
    private Map<String, Integer> refusedUploads(int size, int tries) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Integer> outcomes = new TreeMap<>();
        byte[] body = new byte[size];
        for (int i = 0; i < tries; i++) {
            HttpRequest upload = HttpRequest.newBuilder(server.api("/attachments"))
                    .header("Authorization", "Bearer 2/1/2:00000000000000000000000000000000")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            String outcome;
            try {
                outcome = Integer.toString(http.send(upload, HttpResponse.BodyHandlers.discarding()).statusCode());
            } catch (IOException e) {
                outcome = e.toString();
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        return outcomes;
    }
}
