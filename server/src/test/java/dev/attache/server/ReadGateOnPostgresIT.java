package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.db.PostgresUrl;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TableLock;
import dev.attache.server.testing.TestPostgres;
import dev.attache.server.testing.TestServer;

/**
 * A read the token's limits refuse is refused at the gate, before any database read, on the direct route
 * and on the framework route alike: with the token's one read slot held by a request that waits for the
 * attachments table (locked here by another transaction), both answer 429 while the table is still
 * locked, which no request that read it could do. PostgreSQL, because its table lock makes a reader wait.
 */
class ReadGateOnPostgresIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void whileAReadHoldsTheTokensOnlySlotBothPathsAnswer429WithoutReadingTheDatabase() throws Exception {
        PostgresUrl database = TestPostgres.freshDatabase();
        try (TestServer server = TestServer.start(dir, c -> c.database(database).rateLimits(new RateLimits(true, 100_000, 1, 15)))) {
            String gid = upload(server);
            long directBefore = server.app().directAnswers();

            try (TableLock lock = TableLock.hold(database, "attachments")) {
                CompletableFuture<Reply> parked = CompletableFuture.supplyAsync(() -> get(server, "/attachments/" + gid));
                lock.awaitAReader(PATIENCE);

                Reply direct = get(server, "/attachments/" + gid);
                Reply framework = get(server, "/attachments/" + gid + "?opt_pretty=false");

                assertThat(direct.status()).as("%s", direct).isEqualTo(429);
                assertThat(framework.status()).as("%s", framework).isEqualTo(429);
                assertThat(parked).isNotDone();
                lock.close();
                assertThat(parked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            assertThat(server.app().directAnswers() - directBefore).as("the parked read and the direct refusal").isEqualTo(2);
        }
    }

    private static String upload(TestServer server) {
        Reply r = server.upload("/attachments?opt_fields=gid", Multipart.form()
                .field("parent", server.createTask("gated"))
                .file("a.txt", "text/plain", "bytes".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.data().get("gid").asText();
    }

    /** A request that fails to get an answer in time fails the test: a refusal must not wait for the lock. */
    private static Reply get(TestServer server, String pathAndQuery) {
        return server.send(server.authorized(server.api(pathAndQuery)).timeout(PATIENCE).GET().build());
    }
}
