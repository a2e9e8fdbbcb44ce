package dev.attache.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.attache.server.db.Database;
import dev.attache.server.db.PostgresUrl;
import dev.attache.server.http.ApiException;
import dev.attache.server.testing.Concurrently;
import dev.attache.server.testing.TestPostgres;

/**
 * Nodes' limiters, each with its own connection pool, on one PostgreSQL database: hammered at once with
 * one token, the cluster holds the token to its quota within the documented overshoot, and the database
 * sees a write per batch, not per request; with many tokens, a node writes all of them that are due in
 * one transaction, and every token's count adds up. A trigger records each write and the transaction it
 * was made in on the database's side, so the counts do not depend on the code under test.
 */
class BatchedMinuteWindowsOnPostgresIT {

    private static final long TOKEN = 42;
    private static final int QUOTA = 1500;
    private static final int THREADS_PER_NODE = 4;
    private static final int REQUESTS_PER_THREAD = 500;

    private final List<Database> databases = new ArrayList<>();
    private final List<BatchedMinuteWindows> nodes = new ArrayList<>();
    private Database observer;
    /** A fourth node whose sends run only when a test says so, and whose timer is the test's. */
    private BatchedMinuteWindows manualNode;
    private ManualSender manualSender;

    @BeforeEach
    void nodesOnOneDatabase() {
        PostgresUrl url = TestPostgres.freshDatabase();
        observer = TestPostgres.open(url);
        observer.jdbc().update("CREATE TABLE rate_window_writes (transaction_id BIGINT NOT NULL)");
        observer.jdbc().update("CREATE FUNCTION count_rate_window_write() RETURNS trigger AS $$ BEGIN "
                + "INSERT INTO rate_window_writes VALUES (txid_current()); RETURN NEW; END $$ LANGUAGE plpgsql");
        observer.jdbc().update("CREATE TRIGGER counted AFTER INSERT OR UPDATE ON rate_windows "
                + "FOR EACH ROW EXECUTE FUNCTION count_rate_window_write()");
        for (int i = 0; i < 3; i++) {
            Database database = TestPostgres.open(url);
            databases.add(database);
            nodes.add(BatchedMinuteWindows.start(new JdbcSharedWindows(database.jdbc()), Clock.systemUTC(), Batching.DEFAULT));
        }
        Database database = TestPostgres.open(url);
        databases.add(database);
        manualSender = new ManualSender();
        manualNode = new BatchedMinuteWindows(new JdbcSharedWindows(database.jdbc()), Clock.systemUTC(), Batching.DEFAULT,
                manualSender, () -> { });
    }

    @AfterEach
    void stop() {
        nodes.forEach(BatchedMinuteWindows::close);
        databases.forEach(Database::close);
        observer.close();
    }

    @Test
    void threeNodesHoldATokenToItsQuotaWithinTheOvershootWithAWritePerBatch() {
        List<RateLimiter> limiters = nodes.stream()
                .map(windows -> new RateLimiter(new RateLimits(true, QUOTA, 1000, 1000), Clock.systemUTC(), windows)).toList();

        List<Integer> admittedPerThread = Concurrently.run(3 * THREADS_PER_NODE,
                i -> hammer(limiters.get(i % 3), REQUESTS_PER_THREAD));
        nodes.forEach(BatchedMinuteWindows::close);   // the last try sends what is left

        int requests = 3 * THREADS_PER_NODE * REQUESTS_PER_THREAD;
        int admitted = admittedPerThread.stream().mapToInt(Integer::intValue).sum();
        // What the other nodes may have admitted and not sent when one of them spends the rest (Batching),
        // plus, for each, one batch it committed after the spender last heard: with twelve threads
        // hammering on two cores, a spender's answers lag that far about one run in 25 (up to 108 over).
        Batching rule = Batching.DEFAULT;
        int batch = Math.max(rule.maxBatch(), QUOTA / (16 * rule.shareOfRemaining()));
        int overshoot = (nodes.size() - 1) * 3 * batch;
        assertThat(admitted).as("admitted of " + requests).isBetween(QUOTA, QUOTA + overshoot);
        assertThat(sharedCount()).as("every request counted once in the shared window").isEqualTo(requests);
        assertThat(writes()).as("writes for " + requests + " requests").isLessThanOrEqualTo(requests / 10);
    }

    @Test
    void theFirstRequestsOfFiftyTokensAreWrittenInOneTransaction() {
        for (long token = 1; token <= 50; token++) {
            manualNode.count(token, System.currentTimeMillis(), QUOTA);
        }

        manualSender.runAll();

        assertThat(writes()).isEqualTo(50);
        assertThat(transactions()).isEqualTo(1);
    }

    @Test
    void theTimerWritesTheCountsOfFiftyTokensInOneTransaction() {
        for (long token = 1; token <= 50; token++) {
            manualNode.count(token, System.currentTimeMillis(), QUOTA);
        }
        manualSender.runAll();
        for (long token = 1; token <= 50; token++) {
            for (int i = 0; i < 3; i++) {
                manualNode.count(token, System.currentTimeMillis(), QUOTA);
            }
        }

        manualNode.sendAll();

        assertThat(writes()).isEqualTo(100);
        assertThat(transactions()).as("one for the first requests, one for the timer's turn").isEqualTo(2);
        assertThat(sharedCount(1)).isEqualTo(4);
        assertThat(sharedCount(50)).isEqualTo(4);
    }

    @Test
    void twoNodesCountingFiftyTokensAtOnceAddUpEveryTokensRequests() {
        List<BatchedMinuteWindows> two = nodes.subList(0, 2);
        int rounds = 100;

        Concurrently.run(2 * THREADS_PER_NODE, i -> {
            BatchedMinuteWindows node = two.get(i % 2);
            for (int round = 0; round < rounds; round++) {
                for (long token = 1; token <= 50; token++) {
                    node.count(token, System.currentTimeMillis(), 1_000_000);
                }
            }
            return null;
        });
        two.forEach(BatchedMinuteWindows::close);   // the last try sends what is left

        List<Integer> counts = observer.jdbc().query("SELECT requests FROM rate_windows ORDER BY token_gid", rs -> rs.getInt(1));
        assertThat(counts).as("each of 50 tokens").hasSize(50).containsOnly(2 * THREADS_PER_NODE * rounds);
    }

    @Test
    void aNodeWhoseDatabaseIsGoneHoldsATokenToTheQuotaByItsOwnCountAndFailsNoRequest() {
        databases.get(0).close();
        RateLimiter limiter = new RateLimiter(new RateLimits(true, 100, 1000, 1000), Clock.systemUTC(), nodes.get(0));

        int admitted = hammer(limiter, 150);

        assertThat(admitted).as("every answer a 200 or a 429, and 429 from the 101st on").isEqualTo(100);
    }

    private static int hammer(RateLimiter limiter, int requests) {
        return (int) IntStream.range(0, requests).filter(n -> {
            try {
                limiter.acquire(TOKEN, false).close();
                return true;
            } catch (ApiException refused) {
                assertThat(refused.status()).isEqualTo(429);
                return false;
            }
        }).count();
    }

    private int sharedCount() {
        return sharedCount(TOKEN);
    }

    private int sharedCount(long token) {
        return observer.jdbc().queryOne("SELECT requests FROM rate_windows WHERE token_gid = ?", rs -> rs.getInt(1), token)
                .orElseThrow();
    }

    /** Rows inserted into or updated in rate_windows. */
    private long writes() {
        return observer.jdbc().queryOne("SELECT count(*) FROM rate_window_writes", rs -> rs.getLong(1)).orElseThrow();
    }

    /** Transactions that wrote to rate_windows. */
    private long transactions() {
        return observer.jdbc().queryOne("SELECT count(DISTINCT transaction_id) FROM rate_window_writes", rs -> rs.getLong(1))
                .orElseThrow();
    }
}
