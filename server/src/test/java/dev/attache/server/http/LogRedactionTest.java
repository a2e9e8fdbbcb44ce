package dev.attache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** Tokens, URL signatures and offset tokens never reach the log (the test logger writes to target/server-test.log). */
class LogRedactionTest {

    private static final Path LOG = Path.of("target", "server-test.log");

    @TempDir
    Path dir;

    @Test
    void secretsInRequestsNeverReachTheLog() throws IOException {
        String token;
        String signature;
        String offset;
        try (TestServer server = TestServer.start(dir)) {
            token = server.token();
            String task = server.createTask("secrets");
            JsonNode created = server.upload("/attachments", Multipart.form().field("parent", task)
                    .file("s.txt", "text/plain", "s".getBytes(StandardCharsets.UTF_8))).data();
            server.uploadFile(task, "t.txt", "t".getBytes(StandardCharsets.UTF_8));
            String downloadUrl = created.get("download_url").asText();
            signature = downloadUrl.substring(downloadUrl.indexOf("signature=") + "signature=".length());
            server.send(HttpRequest.newBuilder(URI.create(downloadUrl)).build());
            server.send(HttpRequest.newBuilder(URI.create(downloadUrl.replace(signature, "x" + signature))).build());
            offset = server.get("/attachments?parent=" + task + "&limit=1").json().get("next_page").get("offset").asText();
            Reply bad = server.get("/attachments?parent=" + task + "&limit=1&offset=" + offset + "tampered");
            assertThat(bad.status()).isEqualTo(400);
            server.send(HttpRequest.newBuilder(server.api("/users/me")).header("Authorization", "Bearer " + token + "0").build());
        }

        String log = Files.readString(LOG, StandardCharsets.UTF_8);

        assertThat(log).contains("GET /download/{attachment_gid} 200");
        assertThat(log).doesNotContain(token);
        assertThat(log).doesNotContain(token.substring(token.indexOf(':') + 1));
        assertThat(log).doesNotContain(signature);
        assertThat(log).doesNotContain(offset);
    }
}
