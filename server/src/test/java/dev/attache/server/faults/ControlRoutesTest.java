package dev.attache.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** The test controls over HTTP, as a Node or Python suite drives them. */
class ControlRoutesTest {

    @TempDir
    Path dir;

    private final TestControls controls = TestControls.create(Clock.systemUTC());
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(dir, c -> c.testControls(controls));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Reply control(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.app().baseUri() + "/_test" + path))
                .header("Authorization", "Bearer " + controls.controlToken())
                .header("Content-Type", "application/json");
        return server.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void controlRoutesRefuseTheApiToken() {
        Reply r = server.send(server.authorized(URI.create(server.app().baseUri() + "/_test/faults")).GET().build());

        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void controlRoutesRefuseAMissingToken() {
        Reply r = server.send(HttpRequest.newBuilder(URI.create(server.app().baseUri() + "/_test/clock")).GET().build());

        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void aFaultAddedOverHttpAnswersTheNextApiRequest() {
        Reply added = control("POST", "/faults", "{\"data\":{\"route\":\"GET /users/me\",\"times\":1,\"status\":429,\"retry_after\":4}}");

        Reply faulted = server.get("/users/me");

        assertThat(added.status()).isEqualTo(201);
        assertThat(faulted.status()).isEqualTo(429);
        assertThat(faulted.headers().firstValue("Retry-After")).hasValue("4");
        assertThat(server.get("/users/me").status()).isEqualTo(200);
    }

    @Test
    void aFaultWithTwoKindsIsRefusedAndNothingIsAdded() {
        Reply r = control("POST", "/faults", "{\"data\":{\"route\":\"GET /users/me\",\"status\":500,\"delay_ms\":10}}");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorMessage()).contains("exactly one of");
        assertThat(controls.faults().pending()).isEmpty();
    }

    @Test
    void deletingFaultsClearsThem() {
        control("POST", "/faults", "{\"data\":{\"route\":\"GET /users/me\",\"times\":3,\"status\":503}}");

        assertThat(control("DELETE", "/faults", null).status()).isEqualTo(200);

        assertThat(server.get("/users/me").status()).isEqualTo(200);
    }

    @Test
    void advancingTheClockOverHttpMovesTheServersTime() {
        Reply r = control("POST", "/clock/advance", "{\"data\":{\"milliseconds\":3600000}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().path("offset_milliseconds").asLong()).isEqualTo(3_600_000L);
        assertThat(controls.clock().offset().toHours()).isEqualTo(1);
    }

    @Test
    void resetOverHttpRemovesWhatWasCreatedSinceStart() {
        String task = server.createTask("gone after reset");

        assertThat(control("POST", "/reset", null).status()).isEqualTo(200);

        assertThat(server.get("/tasks/" + task).status()).isEqualTo(404);
        assertThat(server.get("/users/me").status()).isEqualTo(200);
    }

    @Test
    void theControlRoutesAreAbsentWithoutTestControls(@TempDir Path other) {
        try (TestServer plain = TestServer.start(other)) {
            Reply r = plain.send(HttpRequest.newBuilder(URI.create(plain.app().baseUri() + "/_test/faults"))
                    .header("Authorization", "Bearer " + controls.controlToken()).GET().build());

            assertThat(r.status()).isEqualTo(404);
        }
    }
}
