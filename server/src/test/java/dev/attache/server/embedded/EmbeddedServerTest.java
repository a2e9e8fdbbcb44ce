package dev.attache.server.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.MutableClock;

/** What the embedding API adds to {@code App}: a data directory's life, seeding without HTTP, and the controls. */
class EmbeddedServerTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private int get(EmbeddedServer server, String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.apiBaseUri() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void closeDeletesTheTemporaryDataDirectory() {
        Path data;
        try (EmbeddedServer server = EmbeddedServer.start()) {
            data = server.dataDir();
            assertThat(data.resolve("dev-token")).exists();
        }

        assertThat(data).doesNotExist();
    }

    @Test
    void aGivenDataDirectoryOutlivesTheServerAndTheNextOneStartsWithItsData(@TempDir Path dir) throws Exception {
        String token;
        String task;
        try (EmbeddedServer first = EmbeddedServer.builder().dataDir(dir).start()) {
            token = first.token();
            task = first.createTask("kept");
        }

        try (EmbeddedServer second = EmbeddedServer.builder().dataDir(dir).start()) {
            assertThat(second.token()).isEqualTo(token);
            assertThat(get(second, "/tasks/" + task, token)).isEqualTo(200);
        }
    }

    @Test
    void seededParentsAndUsersAreServedOverTheApi() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start()) {
            String project = server.createProject("P");
            String brief = server.createBrief(project, "B");
            String reader = server.createUser("Reader", "attachments:read");

            assertThat(get(server, "/projects/" + project, server.token())).isEqualTo(200);
            assertThat(get(server, "/project_briefs/" + brief, server.token())).isEqualTo(200);
            assertThat(get(server, "/users/me", server.tokenOf(reader))).isEqualTo(200);
        }
    }

    @Test
    void theClockGivenIsTheTimeTheControlsShift() {
        MutableClock base = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (EmbeddedServer server = EmbeddedServer.builder().clock(base).start()) {
            server.clock().advance(Duration.ofHours(1));

            assertThat(server.clock().instant()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
        }
    }

    @Test
    void withoutTestControlsTheControlRoutesAreAbsentAndAskingForFaultsFails() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().withoutTestControls().start()) {
            int status = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/_test/faults")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();

            assertThat(status).isEqualTo(404);
            assertThatThrownBy(server::faults).isInstanceOf(IllegalStateException.class).hasMessageContaining("test controls are off");
        }
    }

    @Test
    void aClockOfTheConfigsOwnWhileTheControlsAreOnIsRefused() {
        EmbeddedServer.Builder builder = EmbeddedServer.builder().configure(c -> c.clock(Clock.systemUTC()));

        assertThatThrownBy(builder::start).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clock");
    }
}
