package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.db.PostgresUrl;
import dev.attache.server.ratelimit.RateLimits;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
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

            try (Connection lock = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
                lock.setAutoCommit(false);
                try (Statement s = lock.createStatement()) {
                    s.execute("LOCK TABLE attachments IN ACCESS EXCLUSIVE MODE");
                }
                CompletableFuture<Reply> parked = CompletableFuture.supplyAsync(() -> get(server, "/attachments/" + gid));
                awaitAReaderWaitingForTheLock(lock);

                Reply direct = get(server, "/attachments/" + gid);
                Reply framework = get(server, "/attachments/" + gid + "?opt_pretty=false");

                assertThat(direct.status()).as("%s", direct).isEqualTo(429);
                assertThat(framework.status()).as("%s", framework).isEqualTo(429);
                assertThat(parked).isNotDone();
                lock.rollback();
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

    /** Waits, inside the locking transaction, until some session waits for the table: the parked request. */
    private static void awaitAReaderWaitingForTheLock(Connection lock) throws SQLException {
        try (Statement s = lock.createStatement()) {
            s.execute("SET LOCAL statement_timeout = '" + PATIENCE.toSeconds() + "s'");
            s.execute("DO $$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON l.relation = c.oid"
                    + " WHERE c.relname = 'attachments' AND NOT l.granted) LOOP PERFORM pg_sleep(0.01); END LOOP; END $$");
        }
    }
}
