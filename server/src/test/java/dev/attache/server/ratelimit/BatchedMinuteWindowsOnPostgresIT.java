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
 * Three nodes' limiters, each with its own connection pool, on one PostgreSQL database, hammered at
 * once with one token: the cluster holds the token to its quota within the documented overshoot, and
 * the database sees a write per batch, not per request. A trigger counts the writes on the database's
 * side, so the count does not depend on the code under test.
 */
class BatchedMinuteWindowsOnPostgresIT {

    private static final long TOKEN = 42;
    private static final int QUOTA = 1500;
    private static final int THREADS_PER_NODE = 4;
    private static final int REQUESTS_PER_THREAD = 500;

    private final List<Database> databases = new ArrayList<>();
    private final List<BatchedMinuteWindows> nodes = new ArrayList<>();
    private Database observer;

    @BeforeEach
    void threeNodesOnOneDatabase() {
        PostgresUrl url = TestPostgres.freshDatabase();
        observer = TestPostgres.open(url);
        observer.jdbc().update("CREATE TABLE rate_window_writes (writes BIGINT NOT NULL)");
        observer.jdbc().update("INSERT INTO rate_window_writes VALUES (0)");
        observer.jdbc().update("CREATE FUNCTION count_rate_window_write() RETURNS trigger AS $$ BEGIN "
                + "UPDATE rate_window_writes SET writes = writes + 1; RETURN NEW; END $$ LANGUAGE plpgsql");
        observer.jdbc().update("CREATE TRIGGER counted AFTER INSERT OR UPDATE ON rate_windows "
                + "FOR EACH ROW EXECUTE FUNCTION count_rate_window_write()");
        for (int i = 0; i < 3; i++) {
            Database database = TestPostgres.open(url);
            databases.add(database);
            nodes.add(BatchedMinuteWindows.start(new JdbcSharedWindows(database.jdbc()), Clock.systemUTC(), Batching.DEFAULT));
        }
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
        // what the other nodes may have admitted and not sent when one of them spends the rest (Batching)
        Batching rule = Batching.DEFAULT;
        int overshoot = (nodes.size() - 1) * Math.max(2 * rule.maxBatch(), QUOTA / (8 * rule.shareOfRemaining()));
        assertThat(admitted).as("admitted of " + requests).isBetween(QUOTA, QUOTA + overshoot);
        assertThat(sharedCount()).as("every request counted once in the shared window").isEqualTo(requests);
        assertThat(writes()).as("writes for " + requests + " requests").isLessThanOrEqualTo(requests / 10);
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
        return observer.jdbc().queryOne("SELECT requests FROM rate_windows WHERE token_gid = ?", rs -> rs.getInt(1), TOKEN)
                .orElseThrow();
    }

    private long writes() {
        return observer.jdbc().queryOne("SELECT writes FROM rate_window_writes", rs -> rs.getLong(1)).orElseThrow();
    }
}
