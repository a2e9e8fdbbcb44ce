package dev.attache.server.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    void aNewDataDirectoryStartsFromTheBuildsDatabaseTemplateAndIsSeeded(@TempDir Path dir) throws Exception {
        try (EmbeddedServer server = EmbeddedServer.builder().dataDir(dir).start()) {
            assertThat(get(server, "/users/me", server.token())).isEqualTo(200);
            assertThat(get(server, "/workspaces", server.token())).isEqualTo(200);
        }

        // Flyway stamps each migration with the time it ran: these are the build's, not this start's.
        Path template = Files.createTempFile(dir, "template", ".db");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("db/template/attache.db")) {
            assertThat(in).as("the build's database template").isNotNull();
            Files.copy(in, template, StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(installedOn(dir.resolve("attache.db"))).isEqualTo(installedOn(template)).hasSize(4);
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

    private static List<String> installedOn(Path database) throws SQLException {
        List<String> times = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath() + "?immutable=1");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT installed_on FROM flyway_schema_history ORDER BY installed_rank")) {
            while (rs.next()) {
                times.add(rs.getString(1));
            }
        }
        return times;
    }
}
