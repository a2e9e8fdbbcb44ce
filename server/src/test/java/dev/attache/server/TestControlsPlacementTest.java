package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.faults.Fault;
import dev.attache.server.faults.TestControls;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * The fault handler is in a server's request path only when test controls are on, and then in front of
 * every route: the ones answered on Jetty's core API as well as the framework's. The server's count of
 * direct answers tells which path a request would have taken.
 */
class TestControlsPlacementTest {

    @TempDir
    Path dir;

    @Test
    void withoutTestControlsTheControlRoutesAreNotFound() {
        try (TestServer server = TestServer.start(dir)) {
            Reply faults = server.send(HttpRequest.newBuilder(server.root("/_test/faults"))
                    .header("Authorization", "Bearer tc_anything").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"route\":\"GET /users/me\",\"status\":503}}")).build());
            Reply clock = server.send(HttpRequest.newBuilder(server.root("/_test/clock")).GET().build());

            assertThat(faults.status()).isEqualTo(404);
            assertThat(clock.status()).isEqualTo(404);
            assertThat(server.get("/users/me").status()).isEqualTo(200);
        }
    }

    @Test
    void aFaultReachesARequestTheDirectRouteWouldAnswer() {
        TestControls controls = TestControls.create(Clock.systemUTC());
        try (TestServer server = TestServer.start(dir, c -> c.testControls(controls))) {
            String gid = upload(server);
            assertThat(answeredDirectly(server, () -> server.get("/attachments/" + gid)).status()).isEqualTo(200);
            controls.faults().add("GET /attachments/{attachment_gid}", 1, new Fault.Respond(503, 0));

            Reply faulted = answeredByTheFramework(server, () -> server.get("/attachments/" + gid));

            assertThat(faulted.status()).isEqualTo(503);
            assertThat(controls.faults().pending()).isEmpty();
        }
    }

    @Test
    void aFaultReachesADownloadTheDirectRouteWouldAnswer() {
        TestControls controls = TestControls.create(Clock.systemUTC());
        try (TestServer server = TestServer.start(dir, c -> c.testControls(controls))) {
            String gid = upload(server);
            URI download = URI.create(server.get("/attachments/" + gid + "?opt_fields=download_url").data().get("download_url").asText());
            controls.faults().add("GET /download/{gid}", 1, new Fault.Respond(503, 0));

            Reply faulted = answeredByTheFramework(server, () -> server.send(HttpRequest.newBuilder(download).GET().build()));

            assertThat(faulted.status()).isEqualTo(503);
            assertThat(answeredDirectly(server, () -> server.send(HttpRequest.newBuilder(download).GET().build())).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aFaultReachesARequestOnlyTheFrameworkRouteAnswers() {
        TestControls controls = TestControls.create(Clock.systemUTC());
        try (TestServer server = TestServer.start(dir, c -> c.testControls(controls))) {
            String gid = upload(server);
            controls.faults().add("GET /attachments/{attachment_gid}", 1, new Fault.Respond(503, 0));

            Reply faulted = answeredByTheFramework(server, () -> server.get("/attachments/" + gid + "?opt_pretty=false"));

            assertThat(faulted.status()).isEqualTo(503);
        }
    }

    private static String upload(TestServer server) {
        Reply r = server.upload("/attachments?opt_fields=gid", Multipart.form()
                .field("parent", server.createTask("faults"))
                .file("a.txt", "text/plain", "bytes".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.data().get("gid").asText();
    }

    private static Reply answeredDirectly(TestServer server, Supplier<Reply> call) {
        long before = server.app().directAnswers();
        Reply reply = call.get();
        assertThat(server.app().directAnswers()).as("answered by a direct route: %s", reply).isEqualTo(before + 1);
        return reply;
    }

    /** Not by a direct route: by the framework's, or by something in front of both. */
    private static Reply answeredByTheFramework(TestServer server, Supplier<Reply> call) {
        long before = server.app().directAnswers();
        Reply reply = call.get();
        assertThat(server.app().directAnswers()).as("not answered by a direct route: %s", reply).isEqualTo(before);
        return reply;
    }
}
