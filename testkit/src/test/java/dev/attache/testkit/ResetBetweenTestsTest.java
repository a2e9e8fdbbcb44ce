package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.attache.client.ParentGid;
import dev.attache.client.Upload;

/** With resetBetweenTests, what one test created is gone in the next, on the same running server. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetBetweenTestsTest {

    @RegisterExtension
    static final AttacheExtension ATTACHE = AttacheExtension.builder().resetBetweenTests().build();

    private static final List<String> CREATED = new ArrayList<>();
    private static URI apiBaseUri;

    @Test
    @Order(1)
    void createsATaskAUserAndAnAttachment(AttacheServer server) throws Exception {
        ParentGid task = server.createTask("first test's task");
        server.client().createAttachmentForObject(task, Upload.bytes("a.txt", new byte[] {1})).join();
        String userToken = server.createUser("Temp").token();
        CREATED.add(task.value());
        CREATED.add(userToken);
        apiBaseUri = server.apiBaseUri();

        assertThat(Http.get(server, "/tasks/" + task).statusCode()).isEqualTo(200);
        assertThat(statusOfMe(server, userToken)).isEqualTo(200);
        assertThat(storedFiles(server)).isPositive();
        server.faults().unavailable("GET /users/me", 5);
    }

    @Test
    @Order(2)
    void seesNoneOfItOnTheSameServer(AttacheServer server) throws Exception {
        assertThat(server.apiBaseUri()).isEqualTo(apiBaseUri);
        assertThat(Http.get(server, "/tasks/" + CREATED.get(0)).statusCode()).isEqualTo(404);
        assertThat(statusOfMe(server, CREATED.get(1))).isEqualTo(401);
        assertThat(statusOfMe(server, server.token())).isEqualTo(200);
        assertThat(storedFiles(server)).isZero();
    }

    private static int statusOfMe(AttacheServer server, String token) throws Exception {
        return Http.client().send(Http.authorized(server, "/users/me").setHeader("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static long storedFiles(AttacheServer server) throws IOException {
        try (Stream<Path> files = Files.walk(server.dataDir().resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
