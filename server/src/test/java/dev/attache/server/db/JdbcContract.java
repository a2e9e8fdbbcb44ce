package dev.attache.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.attache.server.testing.DatabaseContract;
import dev.attache.server.testing.Engine;

/** What the JDBC helpers promise on every engine now that they keep prepared statements per connection. */
abstract class JdbcContract extends DatabaseContract {

    private static final String INSERT = "INSERT INTO workspaces (gid, name, created_at) VALUES (?, ?, 0)";
    private static final String NAME_OF = "SELECT name FROM workspaces WHERE gid = ?";

    JdbcContract(Engine engine) {
        super(engine);
    }

    @Test
    void theSameQueryRunInsideItsOwnRowMapperGetsAStatementOfItsOwn() {
        jdbc.update(INSERT, 1L, "outer");
        jdbc.update(INSERT, 2L, "inner");

        List<String> names = jdbc.inTransaction(c -> jdbc.query(NAME_OF,
                rs -> rs.getString(1) + "+" + jdbc.queryOne(NAME_OF, inner -> inner.getString(1), 2L).orElseThrow(), 1L));

        assertThat(names).containsExactly("outer+inner");
    }

    @Test
    void aStatementThatFailedDoesNotSpoilTheNextRunOfTheSameSql() {
        jdbc.update(INSERT, 1L, "first");

        assertThatThrownBy(() -> jdbc.update(INSERT, 1L, "duplicate")).isInstanceOf(DataAccessException.class);

        assertThat(jdbc.update(INSERT, 2L, "second")).isEqualTo(1);
        assertThat(jdbc.queryOne(NAME_OF, rs -> rs.getString(1), 2L)).contains("second");
    }

    @Test
    void aRowChangedThroughAnotherConnectionPoolIsSeenByTheNextRunOfAQuery() {
        jdbc.update(INSERT, 1L, "before");
        assertThat(jdbc.queryOne(NAME_OF, rs -> rs.getString(1), 1L)).contains("before");

        connectNode().jdbc().update("UPDATE workspaces SET name = ? WHERE gid = ?", "after", 1L);

        assertThat(jdbc.queryOne(NAME_OF, rs -> rs.getString(1), 1L)).contains("after");
    }

    @Test
    void moreDistinctQueriesThanAConnectionKeepsStillAnswerFromTheDatabase() {
        for (long gid = 1; gid <= 3 * StatementCache.MAX_PER_CONNECTION; gid++) {
            jdbc.update(INSERT, gid, "w" + gid);
            // Distinct text per gid: more statements than one connection keeps, so old ones are closed and dropped.
            assertThat(jdbc.queryOne(NAME_OF + " AND " + gid + " = " + gid, rs -> rs.getString(1), gid)).contains("w" + gid);
        }
        assertThat(jdbc.query("SELECT COUNT(*) FROM workspaces", rs -> rs.getLong(1))).containsExactly(3L * StatementCache.MAX_PER_CONNECTION);
    }

    @Test
    void aRecentlyReadRowChangedThroughAnotherConnectionPoolIsReadAgain() {
        jdbc.update(INSERT, 1L, "before");
        assertThat(recentName(1L)).contains("before");

        connectNode().jdbc().update("UPDATE workspaces SET name = ? WHERE gid = ?", "after", 1L);

        assertThat(recentName(1L)).contains("after");
    }

    @Test
    void aRowReadInsideATransactionThatRolledBackIsNotServedAfterwards() {
        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            jdbc.update(INSERT, 1L, "never committed");
            assertThat(recentName(1L)).contains("never committed");
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");

        assertThat(recentName(1L)).isEmpty();
    }

    private RecentReads<Long, String> recent;

    /** A workspace's name through the cache of recent reads (on an engine without a change watch, straight from the database). */
    private Optional<String> recentName(long gid) {
        if (recent == null) {
            recent = jdbc.recentReads(10);
        }
        Function<Long, Optional<String>> read = g -> jdbc.queryOne(NAME_OF, rs -> rs.getString(1), g);
        return recent.get(gid, name -> true, read);
    }
}
