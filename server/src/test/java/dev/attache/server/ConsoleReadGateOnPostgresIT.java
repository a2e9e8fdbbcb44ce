package dev.attache.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
 * The console's listing passes the API's read gate: signed in to the console, a token's listing and
 * its API reads share the token's read slots. With one read allowed in flight ({@code --concurrent-reads 1})
 * and that slot held by a request parked on a locked table, the other kind of request gets the refusal
 * the API gives its own second read; and a drain waits for a listing in flight as for any request.
 * PostgreSQL, because its table lock makes a reader wait.
 */
class ConsoleReadGateOnPostgresIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Set<String> PER_RESPONSE = Set.of("date", "x-request-id");

    @TempDir
    Path dir;

    @Test
    void whileAConsoleListingHoldsTheTokensOnlyReadSlotApiReadsAreRefusedOnBothPaths() throws Exception {
        PostgresUrl database = TestPostgres.freshDatabase();
        try (TestServer server = oneReadAtATime(database)) {
            String gid = upload(server);
            String cookie = signIn(server);

            try (TableLock lock = TableLock.hold(database, "parents")) {
                CompletableFuture<Reply> parked = CompletableFuture.supplyAsync(() -> listTasks(server, cookie));
                lock.awaitAReader(PATIENCE);

                Reply direct = apiGet(server, "/attachments/" + gid);
                Reply framework = apiGet(server, "/attachments/" + gid + "?opt_pretty=false");

                assertThat(direct.status()).as("%s", direct).isEqualTo(429);
                assertThat(framework.status()).as("%s", framework).isEqualTo(429);
                assertSameRefusal(direct, framework);
                assertThat(parked).isNotDone();
                lock.close();
                assertThat(parked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void whileAnApiReadHoldsTheTokensOnlyReadSlotAConsoleListingGetsTheApisRefusal() throws Exception {
        PostgresUrl database = TestPostgres.freshDatabase();
        try (TestServer server = oneReadAtATime(database)) {
            String gid = upload(server);
            String cookie = signIn(server);

            try (TableLock lock = TableLock.hold(database, "attachments")) {
                CompletableFuture<Reply> parked = CompletableFuture.supplyAsync(() -> apiGet(server, "/attachments/" + gid));
                lock.awaitAReader(PATIENCE);

                Reply listing = listTasks(server, cookie);
                Reply apiRefusal = apiGet(server, "/attachments/" + gid + "?opt_pretty=false");

                assertThat(listing.status()).as("%s", listing).isEqualTo(429);
                assertThat(apiRefusal.status()).as("%s", apiRefusal).isEqualTo(429);
                assertSameRefusal(listing, apiRefusal);
                assertThat(parked).isNotDone();
                lock.close();
                assertThat(parked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
            }
            assertThat(listTasks(server, cookie).status()).as("the slot is free again").isEqualTo(200);
        }
    }

    @Test
    void aDrainWaitsForAConsoleListingInFlightAndItAnswersInFull() throws Exception {
        PostgresUrl database = TestPostgres.freshDatabase();
        try (TestServer server = oneReadAtATime(database)) {
            String task = server.createTask("listed while draining");
            String cookie = signIn(server);

            try (TableLock lock = TableLock.hold(database, "parents")) {
                CompletableFuture<Reply> parked = CompletableFuture.supplyAsync(() -> listTasks(server, cookie));
                lock.awaitAReader(PATIENCE);
                assertThat(server.app().requestsInFlight()).as("what a drain waits for: the listing").isEqualTo(1);
                CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> server.app().drain());
                awaitNoLongerAccepting(server.app().port());

                assertThat(drained).as("the drain, while the listing waits for the table").isNotDone();
                assertThat(parked).isNotDone();
                lock.close();
                Reply listing = parked.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(listing.status()).as("%s", listing).isEqualTo(200);
                assertThat(listing.data().findValuesAsText("gid")).contains(task);
                assertThat(drained.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("every request finished within the grace").isTrue();
            }
        }
    }

    private TestServer oneReadAtATime(PostgresUrl database) {
        return TestServer.start(dir, c -> c.database(database).rateLimits(new RateLimits(true, 100_000, 1, 15))
                .shutdownGrace(PATIENCE));
    }

    private static String upload(TestServer server) {
        Reply r = server.upload("/attachments?opt_fields=gid", Multipart.form()
                .field("parent", server.createTask("gated"))
                .file("a.txt", "text/plain", "bytes".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.data().get("gid").asText();
    }

    /** Signs the dev token in to the console, as its page does; the session cookie. */
    private static String signIn(TestServer server) {
        Reply r = server.send(HttpRequest.newBuilder(server.root("/console/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"token\":\"" + server.token() + "\"}}")).build());
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        String setCookie = r.header("Set-Cookie");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** The console's task listing, sent with the session cookie as the page sends it. */
    private static Reply listTasks(TestServer server, String cookie) {
        URI uri = server.root("/console/api/workspaces/" + server.workspaceGid() + "/parents?type=task");
        return server.send(HttpRequest.newBuilder(uri).header("Cookie", cookie).timeout(PATIENCE).GET().build());
    }

    /** A request that fails to get an answer in time fails the test: a refusal must not wait for the lock. */
    private static Reply apiGet(TestServer server, String pathAndQuery) {
        return server.send(server.authorized(server.api(pathAndQuery)).timeout(PATIENCE).GET().build());
    }

    private static void assertSameRefusal(Reply one, Reply other) {
        assertThat(one.header("Retry-After")).isNotNull();
        assertThat(one.text()).isEqualTo(other.text());
        assertThat(refusalHeaders(one)).isEqualTo(refusalHeaders(other));
    }

    /** Every header but the per-response ones and {@code Cache-Control}, which every session-signed answer adds. */
    private static Map<String, String> refusalHeaders(Reply reply) {
        return reply.headers().map().entrySet().stream()
                .filter(e -> !PER_RESPONSE.contains(e.getKey().toLowerCase()) && !e.getKey().equalsIgnoreCase("cache-control"))
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> String.join(",", e.getValue()), (a, b) -> a,
                        TreeMap::new));
    }

    /**
     * The drain has begun once the listener takes no new connection: it refuses or resets one, or, with
     * the socket still open but no longer accepted from, the queue fills and a connection times out.
     */
    private static void awaitNoLongerAccepting(int port) throws IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException | SocketTimeoutException notAccepted) {
                return;
            } catch (SocketException resetWhileTheListenerCloses) {
                // A connection the kernel had queued when the listener closed is reset, not refused;
                // the next attempt meets the closed port.
                continue;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the listener on port " + port + " still accepts connections after " + PATIENCE);
    }
}
