package dev.attache.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.server.ServerConfig;
import dev.attache.server.db.Database;
import dev.attache.server.db.PostgresUrl;
import dev.attache.server.testing.TestPostgres;

/**
 * A cluster node's rate-limit counts reach the shared row through a connection of their own: while
 * requests hold every connection of the node's pool, a batch still goes out. On the requests' pool it
 * waited for one of them, and each batch's commit held a connection requests were queuing for.
 */
class RateCountsConnectionIT {

    private static final long TOKEN = 1_205_000_000_000_777L;

    @TempDir
    Path dir;

    @Test
    void countsReachTheSharedRowWhileRequestsHoldEveryPooledConnection() throws Exception {
        PostgresUrl url = TestPostgres.freshDatabase();
        StorageConfig config = ServerConfig.builder(dir).forTests().database(url).build().storage();
        try (Storage storage = Storage.openForServer(config, StorageContext.defaults(), Runnable::run);
                Database observer = TestPostgres.open(url)) {
            List<Connection> held = holdEveryConnection(storage.database().dataSource());
            try {
                long now = System.currentTimeMillis();
                for (int i = 0; i < 3; i++) {
                    storage.minuteWindows().count(TOKEN, now, 1_000_000);
                }

                // Well below the pool's 8 s wait for a connection, which is how long a batch sent through
                // the exhausted pool would wait before failing.
                assertThat(requestsCountedWithin(observer, 6_000)).contains(3);
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    private static List<Connection> holdEveryConnection(DataSource pool) throws Exception {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            held.add(pool.getConnection());
        }
        return held;
    }

    private static Optional<Integer> requestsCountedWithin(Database observer, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        Optional<Integer> counted = Optional.empty();
        while (System.nanoTime() < deadline) {
            counted = observer.jdbc().queryOne("SELECT requests FROM rate_windows WHERE token_gid = ?", rs -> rs.getInt(1), TOKEN);
            if (counted.isPresent() && counted.get() == 3) {
                return counted;
            }
            Thread.sleep(50);
        }
        return counted;
    }
}
