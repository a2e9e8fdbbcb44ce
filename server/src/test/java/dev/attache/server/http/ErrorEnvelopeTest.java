package dev.attache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** Bad input of every kind gets a 4xx in Asana's envelope (docs/api.md §1). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorEnvelopeTest {

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
    void unknownPathIsNoMatchingRoute() {
        Reply r = server.get("/no/such/thing");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).isEqualTo("No matching route for request");
    }

    @Test
    void unknownMethodIsNoMatchingRoute() {
        Reply r = server.send(server.authorized(server.api("/attachments/1")).PUT(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.errorMessage()).isEqualTo("No matching route for request");
    }

    @Test
    void everyErrorCarriesAHelpSentence() {
        Reply r = server.get("/attachments/abc");

        assertThat(r.json().get("errors").get(0).get("help").asText()).contains("errors");
    }

    @Test
    void hugeHeaderGetsTheEnvelope() {
        Reply r = server.send(server.authorized(server.api("/users/me")).header("X-Huge", "a".repeat(64 * 1024)).GET().build());

        assertThat(r.status()).isEqualTo(431);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.errorMessages()).containsExactly("Request header fields too large");
        assertThat(r.json().get("errors").get(0).get("help").asText()).isEqualTo(ErrorMapping.HELP);
    }

    @Test
    void jsonBodyThatIsNotJsonIsRejected() {
        Reply r = server.postJson("/tasks", "{not json");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("Could not parse request data, invalid JSON");
    }

    @Test
    void jsonBodyNotWrappedInDataIsRejected() {
        Reply r = server.postJson("/tasks", "{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"x\"}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).startsWith("data: Missing input");
    }

    @Test
    void malformedHeaderLineGetsA400Envelope() throws IOException {
        String response = raw("GET /api/1.0/users/me HTTP/1.1\r\nHost: x\r\nThis line has no colon\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("{\"errors\":[{\"message\"");
    }

    @Test
    void nonAsciiInAPathGidIsMalformedNotAServerError() {
        Reply r = server.get("/attachments/%E2%9C%93");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("attachment: Not a recognized ID: ✓");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.app().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
