package dev.attache.server.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadTest {

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
    void uploadReturnsTheFullRecordWithTheFileName() {
        String task = server.createTask("upload");
        Reply r = server.uploadFile(task, "notes.txt", "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("name").asText()).isEqualTo("notes.txt");
        assertThat(r.data().get("resource_subtype").asText()).isEqualTo("asana");
        assertThat(r.data().get("parent").get("gid").asText()).isEqualTo(task);
    }

    @Test
    void uploadWithoutParentIsRejected() {
        Reply r = server.upload("/attachments", Multipart.form().file("a.txt", "text/plain", new byte[] {1}));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).isEqualTo("parent: Missing input");
    }
}
