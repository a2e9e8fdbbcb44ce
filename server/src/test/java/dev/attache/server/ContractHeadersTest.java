package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/** Every answer carries the contract's exact {@code Content-Type} and {@code nosniff}, whoever wrote it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractHeadersTest {

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
    void successfulApiResponseCarriesTheContractContentTypeAndNosniff() {
        Reply r = server.get("/users/me");

        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void errorApiResponseCarriesTheContractContentTypeAndNosniff() {
        Reply r = server.get("/attachments/not-a-gid");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void unknownRouteCarriesTheContractContentTypeAndNosniff() {
        Reply r = server.get("/no/such/route");

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void answerJettyGivesBeforeAnyRouteCarriesTheContractContentTypeAndNosniff() {
        Reply r = server.send(server.authorized(server.api("/users/me")).header("X-Huge", "a".repeat(64 * 1024)).GET().build());

        assertThat(r.status()).isEqualTo(431);
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    /** Found by the property run: the 400 came, then the connection died unannounced, taking the next request. */
}
