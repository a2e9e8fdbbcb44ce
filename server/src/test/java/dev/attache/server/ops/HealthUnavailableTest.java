package dev.attache.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** A server whose blob directory disappears while it runs, as when a volume is unmounted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthUnavailableTest {

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
    void healthIs503WhenTheBlobStoreIsGone() throws IOException {
        Path objects = dir.resolve("blobs").resolve("objects");
        Path moved = dir.resolve("objects-unmounted");
        Files.move(objects, moved);
        Reply r;
        try {
            r = server.send(HttpRequest.newBuilder(server.root("/health")).GET().build());
        } finally {
            Files.move(moved, objects);
        }

        assertThat(r.status()).isEqualTo(503);
        assertThat(r.json().get("status").asText()).isEqualTo("unavailable");
        assertThat(r.json().get("blob_store").asText()).isEqualTo("unavailable");
        assertThat(r.json().get("database").asText()).isEqualTo("ok");
    }
}
