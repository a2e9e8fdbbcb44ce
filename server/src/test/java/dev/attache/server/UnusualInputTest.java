package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * Careless or hostile input seen from outside: separators-only {@code opt_fields} that once answered 500 after
 * storing the upload, names that would display as something else, digits the contract does not allow, and a URI
 * Jetty refuses before any route. Slow clients, failure injection, disk full and rate-limiter state have tests of
 * their own ({@code SlowClientsTest}, {@code UploadFailureInjectionTest}, {@code DiskFullTest}, {@code RateLimiterTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnusualInputTest {

    @TempDir
    static Path dir;
    TestServer server;
    String task;

    @BeforeAll
    void start() {
        server = TestServer.start(dir);
        task = server.createTask("unusual input");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "this..", "name,.", "this.", ".name", "parent..name"})
    void optFieldsOfOnlySeparatorsOnAReadRouteAnswersWithTheGid(String optFields) {
        Reply r = server.get("/users/me?opt_fields=" + optFields);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.data().get("gid").asText()).matches("\\d+");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "this..", "name,."})
    void optFieldsOfOnlySeparatorsInAnUploadFormIsAnsweredAsTheUploadIsKept(String optFields) {
        String parent = server.createTask("opt_fields " + optFields);

        Reply r = server.upload("/attachments", Multipart.form().field("parent", parent).field("opt_fields", optFields)
                .file("kept.txt", "text/plain", "k".getBytes(StandardCharsets.UTF_8)));

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(server.get("/attachments?parent=" + parent).data()).hasSize(1);
    }

    @Test
    void bidiOverrideInAFileNameIsRemoved() {
        Reply r = server.uploadFile(task, "invoice\u202Efdp.exe", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(r.data().get("name").asText()).isEqualTo("invoicefdp.exe");
    }

    @Test
    void percentEncodedNameKeepsACharacterOutsideTheBasicPlane() {
        Reply r = server.uploadFile(task, "😀 100%25.txt", "x".getBytes(StandardCharsets.UTF_8));

        assertThat(r.data().get("name").asText()).isEqualTo("😀 100%.txt");
    }

    @Test
    void limitInArabicIndicDigitsIsRefused() {
        Reply r = server.get("/attachments?parent=" + task + "&limit=%D9%A1");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("limit: Must be between 1 and 100");
    }

    @Test
    void uriJettyRefusesIsAnswered400AndTheAnswerSaysTheConnectionCloses() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.app().port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("DELETE /api/1.0/attachments/%00 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + server.token() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).containsIgnoringCase("\r\nConnection: close\r\n");
            assertThat(response).contains("\"errors\"");
        }
    }
}
