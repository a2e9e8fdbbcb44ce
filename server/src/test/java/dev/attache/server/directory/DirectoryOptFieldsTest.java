package dev.attache.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** opt_fields shapes directory responses as it does attachments (docs/api.md §1). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryOptFieldsTest {

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
    void createdTaskCanBeReturnedAsItsGidAlone() {
        Reply r = server.postJson("/tasks?opt_fields=gid", "{\"data\":{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"t\"}}");

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.data().properties().stream().map(Map.Entry::getKey).toList()).containsExactly("gid");
    }

    @Test
    void workspacesListHonoursOptFields() {
        Reply r = server.get("/workspaces?opt_fields=name");

        assertThat(r.data().get(0).properties().stream().map(Map.Entry::getKey).toList()).containsExactly("gid", "name");
    }
}
