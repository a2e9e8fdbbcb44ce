package dev.attache.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

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
    private static int port;

    @Test
    @Order(1)
    void createsATaskAUserAndAnAttachment(AttacheServer server) throws Exception {
        String task = server.createTask("first test's task");
        server.client().createAttachmentForObject(ParentGid.of(task), Upload.bytes("a.txt", new byte[] {1})).join();
        CREATED.add(task);
        CREATED.add(server.createUser("Temp"));
        port = server.app().port();
        server.faults().unavailable("GET /users/me", 5);
        assertThat(Http.get(server, "/tasks/" + task).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void seesNoneOfItOnTheSameServer(AttacheServer server) throws Exception {
        assertThat(server.app().port()).isEqualTo(port);
        assertThat(Http.get(server, "/tasks/" + CREATED.get(0)).statusCode()).isEqualTo(404);
        assertThat(Http.get(server, "/users/" + CREATED.get(1)).statusCode()).isEqualTo(404);
        assertThat(Http.get(server, "/users/me").statusCode()).isEqualTo(200);
        assertThat(server.dataDir().resolve("blobs")).isDirectoryNotContaining(p -> p.toFile().isFile());
    }
}
